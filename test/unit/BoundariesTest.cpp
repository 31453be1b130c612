// Unit tests of lib/BoundaryModel and lib/Boundaries: each framework entry of
// the built-in model, what the code says of the route, and the user's YAML.
#include "lib/Boundaries.h"
#include "lib/BoundaryModel.h"
#include "lib/TranslationUnitAnalysis.h"

#include "ASTHelpers.h"

#include "gtest/gtest.h"

using namespace clang;

namespace failguard {
namespace {

struct Found {
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<TranslationUnitAnalysis> Analysis;
  BoundaryPolicy Policy;

  explicit Found(const std::string &Code, BoundaryModel Model = BoundaryModel::builtin())
      : AST(test::buildASTWithHeaders(Code)) {
    auto Settings = std::make_shared<AnalysisSettings>();
    Settings->Boundaries = std::move(Model);
    Settings->IndexFile = "none";
    Policy.HandlerMethods = Settings->Boundaries.handlerMethods();
    Policy.Destructors = Policy.NoexceptFunctions = Policy.NullableReturns = false;
    Analysis = std::make_unique<TranslationUnitAnalysis>(AST->getASTContext(), nullptr, Settings);
  }

  std::optional<Boundary> of(llvm::StringRef Function) {
    const FunctionDecl *FD = test::findFunction(*AST, Function);
    EXPECT_NE(FD, nullptr) << Function.str();
    if (!FD)
      return std::nullopt;
    return Analysis->boundaries().boundaryOf(*FD, Policy, Analysis->settings().Nullable);
  }

  /// The registration of the handler defined as \p Function (a lambda: the
  /// function it is written in and "lambda").
  const RouteRegistration *route(llvm::StringRef Function) {
    const FunctionDecl *FD = test::findFunction(*AST, Function);
    for (const RouteRegistration &R : Analysis->boundaries().registrations())
      if (FD && R.Handler == FD->getCanonicalDecl())
        return &R;
    return nullptr;
  }
};

TEST(BoundariesTest, DrogonControllerMacros) {
  Found F(R"cpp(
    #include <drogon/HttpController.h>
    namespace api {
    class Users : public drogon::HttpController<Users> {
    public:
      METHOD_LIST_BEGIN
      METHOD_ADD(Users::profile, "/profile", drogon::Get);
      ADD_METHOD_TO(Users::login, "/api/login", drogon::Post, "TokenFilter");
      ADD_METHOD_VIA_REGEX(Users::byId, "/user/([0-9]+)", drogon::Get, drogon::Head);
      METHOD_LIST_END
      void profile(const drogon::HttpRequestPtr &, std::function<void(const drogon::HttpResponsePtr &)> &&) {}
      void login(const drogon::HttpRequestPtr &, std::function<void(const drogon::HttpResponsePtr &)> &&) {}
      void byId(const drogon::HttpRequestPtr &, std::function<void(const drogon::HttpResponsePtr &)> &&, std::string) {}
      void helper() {}
    };
    }
  )cpp");
  auto Profile = F.of("api::Users::profile");
  ASSERT_TRUE(Profile);
  EXPECT_EQ(Profile->What, Boundary::Registered);
  EXPECT_EQ(Profile->Via, "drogon::HttpController::registerMethod");
  EXPECT_EQ(Profile->Framework, "drogon");
  ASSERT_TRUE(F.route("api::Users::profile"));
  EXPECT_EQ(F.route("api::Users::profile")->Path, "/api/Users/profile");
  EXPECT_EQ(F.route("api::Users::profile")->Methods, std::vector<std::string>{"GET"});
  ASSERT_TRUE(F.route("api::Users::login"));
  EXPECT_EQ(F.route("api::Users::login")->Path, "/api/login");
  EXPECT_EQ(F.route("api::Users::login")->Methods, std::vector<std::string>{"POST"});
  ASSERT_TRUE(F.route("api::Users::byId"));
  EXPECT_EQ(F.route("api::Users::byId")->Via, "drogon::HttpController::registerMethodViaRegex");
  EXPECT_EQ(F.route("api::Users::byId")->Methods, (std::vector<std::string>{"GET", "HEAD"}));
  // Negative: a method no macro registers.
  EXPECT_FALSE(F.of("api::Users::helper"));
}

TEST(BoundariesTest, DrogonRegisterHandlerAndOverrides) {
  Found F(R"cpp(
    #include <drogon/drogon.h>
    using Callback = std::function<void(const drogon::HttpResponsePtr &)>;
    void hello(const drogon::HttpRequestPtr &, Callback &&) {}
    void notRegistered(const drogon::HttpRequestPtr &, Callback &&) {}
    void routes() {
      drogon::app().registerHandler("/hello", &hello, {drogon::Get, drogon::Post});
    }
    class AuthFilter : public drogon::HttpFilter<AuthFilter> {
    public:
      void doFilter(const drogon::HttpRequestPtr &, drogon::FilterCallback &&,
                    drogon::FilterChainCallback &&) override {}
    };
  )cpp");
  auto Hello = F.of("hello");
  ASSERT_TRUE(Hello);
  EXPECT_EQ(Hello->Via, "drogon::HttpAppFramework::registerHandler");
  EXPECT_EQ(F.route("hello")->Path, "/hello");
  EXPECT_EQ(F.route("hello")->Methods, (std::vector<std::string>{"GET", "POST"}));
  EXPECT_FALSE(F.of("notRegistered"));
  auto Filter = F.of("AuthFilter::doFilter");
  ASSERT_TRUE(Filter);
  EXPECT_EQ(Filter->What, Boundary::Override);
  EXPECT_EQ(Filter->Via, "drogon::HttpFilterBase::doFilter");
  EXPECT_EQ(Filter->Framework, "drogon");
}

TEST(BoundariesTest, CrowRoutesMethodsAndMiddlewares) {
  Found F(R"cpp(
    #include <crow.h>
    crow::response whoAmI(const crow::request &) { return crow::response(200); }
    crow::response other(const crow::request &) { return crow::response(200); }
    struct TokenMiddleware {
      struct context {};
      void before_handle(crow::request &, crow::response &, context &) {}
      void after_handle(crow::request &, crow::response &, context &) {}
      void unrelated() {}
    };
    struct NotMounted {
      struct context {};
      void before_handle(crow::request &, crow::response &, context &) {}
    };
    int main() {
      crow::App<TokenMiddleware> app;
      CROW_ROUTE(app, "/me").methods("POST"_method)(whoAmI);
      CROW_ROUTE(app, "/dyn")(other);
    }
  )cpp");
  auto Me = F.of("whoAmI");
  ASSERT_TRUE(Me);
  EXPECT_EQ(Me->Via, "crow::TaggedRule::operator()");
  EXPECT_EQ(F.route("whoAmI")->Path, "/me");
  EXPECT_EQ(F.route("whoAmI")->Methods, std::vector<std::string>{"POST"});
  EXPECT_EQ(F.route("other")->Path, "/dyn");
  EXPECT_TRUE(F.route("other")->Methods.empty());
  auto Before = F.of("TokenMiddleware::before_handle");
  ASSERT_TRUE(Before);
  EXPECT_EQ(Before->What, Boundary::Middleware);
  EXPECT_EQ(Before->Via, "crow::Crow");
  EXPECT_TRUE(F.of("TokenMiddleware::after_handle"));
  // Negatives: another method of the middleware; a middleware no app mounts.
  EXPECT_FALSE(F.of("TokenMiddleware::unrelated"));
  EXPECT_FALSE(F.of("NotMounted::before_handle"));
}

TEST(BoundariesTest, PistacheRoutesAndPoco) {
  Found F(R"cpp(
    #include <pistache/router.h>
    namespace Poco::Net {
    class HTTPServerRequest;
    class HTTPServerResponse;
    class HTTPRequestHandler {
    public:
      virtual ~HTTPRequestHandler();
      virtual void handleRequest(HTTPServerRequest &, HTTPServerResponse &) = 0;
    };
    }
    class Login : public Poco::Net::HTTPRequestHandler {
    public:
      void handleRequest(Poco::Net::HTTPServerRequest &, Poco::Net::HTTPServerResponse &) override {}
    };
    class Api {
    public:
      void me(const Pistache::Rest::Request &, Pistache::Http::ResponseWriter) {}
      void unused(const Pistache::Rest::Request &, Pistache::Http::ResponseWriter) {}
      void setup(Pistache::Rest::Router &router) {
        Pistache::Rest::Routes::Get(router, "/me", Pistache::Rest::Routes::bind(&Api::me, this));
      }
    };
  )cpp", BoundaryModel::builtin());
  auto Me = F.of("Api::me");
  ASSERT_TRUE(Me);
  EXPECT_EQ(Me->Via, "Pistache::Rest::Routes::bind");
  // The bind inside Routes::Get registers under Get's route.
  EXPECT_EQ(F.route("Api::me")->Path, "/me");
  EXPECT_EQ(F.route("Api::me")->Methods, std::vector<std::string>{"GET"});
  EXPECT_FALSE(F.of("Api::unused"));
  auto Poco = F.of("Login::handleRequest");
  ASSERT_TRUE(Poco);
  EXPECT_EQ(Poco->What, Boundary::Override);
  EXPECT_EQ(Poco->Framework, "poco");
}

// The handler shapes beyond a lambda or a function named at the call.
TEST(BoundariesTest, HandlerShapes) {
  Found F(R"cpp(
    #include <drogon/drogon.h>
    using Callback = std::function<void(const drogon::HttpResponsePtr &)>;
    using Handler = std::function<void(const drogon::HttpRequestPtr &, Callback &&)>;
    struct Functor {
      void operator()(const drogon::HttpRequestPtr &, Callback &&) const {}
    };
    void byRef(const drogon::HttpRequestPtr &, Callback &&) {}
    void first(const drogon::HttpRequestPtr &, Callback &&) {}
    void second(const drogon::HttpRequestPtr &, Callback &&) {}
    void viaParameter(const drogon::HttpRequestPtr &, Callback &&) {}
    void fromHelper(const drogon::HttpRequestPtr &, Callback &&) {}
    void neverGiven(const drogon::HttpRequestPtr &, Callback &&) {}
    Handler makeHandler() { return &fromHelper; }
    void add(const std::string &path, Handler handler) {
      drogon::app().registerHandler(path, handler);
    }
    void routes() {
      drogon::app().registerHandler("/functor", Functor{});
      auto &ref = byRef;
      drogon::app().registerHandler("/ref", ref);
      void (*pointer)(const drogon::HttpRequestPtr &, Callback &&) = &first;
      pointer = &second;
      drogon::app().registerHandler("/pointer", pointer);
      add("/param", &viaParameter);
      drogon::app().registerHandler("/helper", makeHandler());
    }
  )cpp");
  EXPECT_TRUE(F.of("Functor::operator()"));
  EXPECT_TRUE(F.of("byRef"));
  EXPECT_TRUE(F.of("first"));
  EXPECT_TRUE(F.of("second"));
  EXPECT_TRUE(F.of("viaParameter"));
  EXPECT_TRUE(F.of("fromHelper"));
  EXPECT_FALSE(F.of("neverGiven"));
}

TEST(BoundariesTest, UserYamlFramework) {
  BoundaryModel Model = BoundaryModel::builtin();
  llvm::Error Error = Model.addFromYAML(R"(
frameworks:
  - name: acme
    handler-methods: [acme::Servlet::serve]
    routes:
      - {call: acme::Router::route, handler: 1, path: 0, method: get}
)", "acme.yaml");
  ASSERT_FALSE(Error) << llvm::toString(std::move(Error));
  Found F(R"cpp(
    #include <functional>
    #include <string>
    namespace acme {
    struct Router { void route(const std::string &path, std::function<int()> handler); };
    struct Servlet { virtual ~Servlet(); virtual void serve(); };
    }
    int handler() { return 0; }
    int skipped() { return 0; }
    struct Mine : acme::Servlet { void serve() override {} };
    void setup(acme::Router &r) { r.route("/acme", handler); }
  )cpp", std::move(Model));
  auto Handler = F.of("handler");
  ASSERT_TRUE(Handler);
  EXPECT_EQ(Handler->Framework, "acme");
  EXPECT_EQ(F.route("handler")->Path, "/acme");
  EXPECT_EQ(F.route("handler")->Methods, std::vector<std::string>{"GET"});
  EXPECT_FALSE(F.of("skipped"));
  EXPECT_TRUE(F.of("Mine::serve"));
}

TEST(BoundariesTest, MalformedYamlNamesFileAndLine) {
  BoundaryModel Model;
  std::string Why = llvm::toString(Model.addFromYAML("frameworks:\n  - name: x\n    routes: [{call: 'not a name'}]\n", "b.yaml"));
  EXPECT_EQ(Why, "b.yaml: 'not a name' is not a qualified function name");
  Why = llvm::toString(Model.addFromYAML("frameworks:\n  - name: x\n    routez: []\n", "b.yaml"));
  EXPECT_TRUE(llvm::StringRef(Why).starts_with("b.yaml: 3:")) << Why;
  Why = llvm::toString(Model.addFromYAML("frameworks:\n  - name: x\n    routes: [{call: a::b, handler: first}]\n", "b.yaml"));
  EXPECT_EQ(Why, "b.yaml: 'handler: first' is not an argument index or 'any'");
  EXPECT_TRUE(Model.frameworks().empty());
}

} // namespace
} // namespace failguard
