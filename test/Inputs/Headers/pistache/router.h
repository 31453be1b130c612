// Test double of pistache/router.h (Pistache 0.4): Rest::Request, Route, Router and the Routes
// functions (bind and middleware included), with the real signatures.
#pragma once
#include <functional>
#include <memory>
#include <pistache/http.h>
#include <string>

namespace Pistache::Rest {
class Request : public Http::Request {
public:
  bool hasParam(const std::string &name) const;
};

struct Route {
  enum class Result { Ok, Failure };
  typedef std::function<Result(const Request, Http::ResponseWriter)> Handler;
  typedef std::function<bool(Http::Request &req, Http::ResponseWriter &resp)> Middleware;
};

class Router {
public:
  void get(const std::string &resource, Route::Handler handler);
  void post(const std::string &resource, Route::Handler handler);
  void addCustomHandler(Route::Handler handler);
  void addNotFoundHandler(Route::Handler handler);
  void addMiddleware(Route::Middleware middleware);
};

namespace Routes {
void Get(Router &router, const std::string &resource, Route::Handler handler);
void Post(Router &router, const std::string &resource, Route::Handler handler);
void Put(Router &router, const std::string &resource, Route::Handler handler);
void Patch(Router &router, const std::string &resource, Route::Handler handler);
void Delete(Router &router, const std::string &resource, Route::Handler handler);
void Options(Router &router, const std::string &resource, Route::Handler handler);
void Head(Router &router, const std::string &resource, Route::Handler handler);
void NotFound(Router &router, Route::Handler handler);

template <typename Result, typename Cls, typename... Args, typename Obj>
Route::Handler bind(Result (Cls::*func)(Args...), Obj obj);
template <typename Result, typename Cls, typename... Args, typename Obj>
Route::Handler bind(Result (Cls::*func)(Args...) const, Obj obj);
template <typename Result, typename Cls, typename... Args, typename Obj>
Route::Handler bind(Result (Cls::*func)(Args...), std::shared_ptr<Obj> objPtr);
template <typename Result, typename... Args> Route::Handler bind(Result (*func)(Args...));

template <typename Cls, typename... Args, typename Obj>
Route::Middleware middleware(bool (Cls::*func)(Args...), Obj obj);
template <typename Cls, typename... Args, typename Obj>
Route::Middleware middleware(bool (Cls::*func)(Args...), std::shared_ptr<Obj> objPtr);
template <typename... Args> Route::Middleware middleware(bool (*func)(Args...));
} // namespace Routes
} // namespace Pistache::Rest
