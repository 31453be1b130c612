// Unit tests of the project summary index: the format and the composition
// of escapes across units.
#include "lib/SummaryIndex.h"

#include "gtest/gtest.h"

using namespace failguard;

namespace {

IndexLocation at(const char *File, unsigned Line) { return {File, Line, 1}; }

IndexFunction function(const char *Usr, const char *File, unsigned Line) {
  return {Usr, std::string("'") + Usr + "'", at(File, Line), {}, {}};
}

IndexCall call(const char *Usr, const char *File, unsigned Line) {
  return {Usr, std::string("'") + Usr + "'", at(File, Line), {}, {}};
}

std::shared_ptr<const SummaryIndex> indexOf(std::vector<UnitSummary> Units) {
  return std::make_shared<const SummaryIndex>(std::move(Units));
}

// filter (f.cc) -> validate (v.cc) -> decode (d.cc) -> jwt::decode.
std::vector<UnitSummary> chain() {
  IndexFunction Filter = function("filter", "f.cc", 1);
  Filter.Calls.push_back(call("validate", "f.cc", 2));
  IndexFunction Validate = function("validate", "v.cc", 1);
  Validate.Calls.push_back(call("decode", "v.cc", 3));
  IndexFunction Decode = function("decode", "d.cc", 1);
  Decode.Throws.push_back({"jwt::error::token_verification_exception", "jwt::decode", at("d.cc", 4)});
  return {{"f.cc", {{"f.cc", "1"}}, {Filter}},
          {"v.cc", {{"v.cc", "2"}}, {Validate}},
          {"d.cc", {{"d.cc", "3"}}, {Decode}}};
}

} // namespace

TEST(SummaryIndexTest, ComposesAChainWithEveryHop) {
  IndexView View(indexOf(chain()), nullptr);
  const std::vector<RemoteEscape> &Escapes = View.escapesOf("filter");
  ASSERT_EQ(Escapes.size(), 1u);
  EXPECT_EQ(Escapes[0].Api, "jwt::decode");
  EXPECT_EQ(Escapes[0].Depth, 2u);
  ASSERT_EQ(Escapes[0].Hops.size(), 3u);
  EXPECT_EQ(Escapes[0].Hops[0].At.File, "f.cc");
  EXPECT_EQ(Escapes[0].Hops[1].At.File, "v.cc");
  EXPECT_EQ(Escapes[0].Hops[2].At.File, "d.cc");
  EXPECT_EQ(Escapes[0].Hops[2].Callee, "jwt::decode");
  EXPECT_TRUE(View.escapesOf("unknown").empty());
}

TEST(SummaryIndexTest, AHandlerAtACallStopsOrSlicesByOutcome) {
  std::vector<UnitSummary> Units = chain();
  IndexCall &ToDecode = Units[1].Functions[0].Calls[0];
  ToDecode.Handlers = {"std::system_error"};
  ToDecode.Outcomes["jwt::error::token_verification_exception"] = {CallOutcome::Stopped, "", 9};
  EXPECT_TRUE(IndexView(indexOf(Units), nullptr).escapesOf("filter").empty());
  // Rethrown by value as the caught class.
  ToDecode.Outcomes["jwt::error::token_verification_exception"] = {CallOutcome::Becomes,
                                                                    "std::system_error", 0};
  IndexView Sliced(indexOf(Units), nullptr);
  ASSERT_EQ(Sliced.escapesOf("filter").size(), 1u);
  EXPECT_EQ(Sliced.escapesOf("filter")[0].Type, "std::system_error");
  EXPECT_EQ(Sliced.escapesOf("filter")[0].Hops.size(), 3u);
}

TEST(SummaryIndexTest, AClassTheWriterDidNotKnowIsMatchedByName) {
  std::vector<UnitSummary> Units = chain();
  Units[1].Functions[0].Calls[0].Handlers = {"std::exception"};
  EXPECT_TRUE(IndexView(indexOf(Units), nullptr).escapesOf("filter").empty());
  Units[1].Functions[0].Calls[0].Handlers = {"std::bad_cast"};
  EXPECT_EQ(IndexView(indexOf(Units), nullptr).escapesOf("filter").size(), 1u);
  Units[1].Functions[0].Calls[0].Handlers = {"..."};
  EXPECT_TRUE(IndexView(indexOf(Units), nullptr).escapesOf("filter").empty());
}

TEST(SummaryIndexTest, ACycleEndsWithTheShortestWay) {
  // a -> b -> a, b throws; a's way is one call long.
  IndexFunction A = function("a", "a.cc", 1);
  A.Calls.push_back(call("b", "a.cc", 2));
  IndexFunction B = function("b", "b.cc", 1);
  B.Calls.push_back(call("a", "b.cc", 2));
  B.Throws.push_back({"E", "api", at("b.cc", 3)});
  IndexView View(indexOf({{"a.cc", {{"a.cc", "1"}}, {A}}, {"b.cc", {{"b.cc", "2"}}, {B}}}), nullptr);
  ASSERT_EQ(View.escapesOf("a").size(), 1u);
  EXPECT_EQ(View.escapesOf("a")[0].Depth, 1u);
  ASSERT_EQ(View.escapesOf("b").size(), 1u);
  EXPECT_EQ(View.escapesOf("b")[0].Depth, 0u);
}

TEST(SummaryIndexTest, AStaleFunctionIsNotTrusted) {
  IndexView View(indexOf(chain()), [](const UnitSummary &, llvm::StringRef File) {
    return File != "v.cc";
  });
  EXPECT_TRUE(View.escapesOf("filter").empty());
  EXPECT_FALSE(View.knows("validate"));
  EXPECT_EQ(View.escapesOf("decode").size(), 1u);
}

TEST(SummaryIndexTest, GapsAreTheFunctionsItCouldNotAnswerForAndTheCallersAskedFor) {
  IndexView::Gaps Gaps;
  IndexView View(indexOf(chain()), [](const UnitSummary &, llvm::StringRef File) {
    return File != "d.cc";
  });
  View.recordGaps(&Gaps);
  EXPECT_TRUE(View.escapesOf("filter").empty());
  // The stale one on the way, and one the index never had; not the fresh ones.
  EXPECT_TRUE(View.escapesOf("unknown").empty());
  EXPECT_EQ(Gaps.Functions.size(), 2u);
  EXPECT_TRUE(Gaps.Functions.contains("decode"));
  EXPECT_TRUE(Gaps.Functions.contains("unknown"));
  EXPECT_TRUE(Gaps.Callers.empty());
  View.callersHandling("validate", "E", "v.cc");
  EXPECT_EQ(Gaps.Callers.size(), 1u);
  EXPECT_TRUE(Gaps.Callers.contains("validate"));
  // Nothing missing, nothing recorded.
  IndexView::Gaps None;
  IndexView Fresh(indexOf(chain()), nullptr);
  Fresh.recordGaps(&None);
  EXPECT_EQ(Fresh.escapesOf("filter").size(), 1u);
  EXPECT_TRUE(None.Functions.empty());
}

TEST(SummaryIndexTest, CallersOutsideTheUnitSayWhetherTheyStopIt) {
  std::vector<UnitSummary> Units = chain();
  IndexView Open(indexOf(Units), nullptr);
  auto Callers = Open.callersHandling("validate", "E", "v.cc");
  ASSERT_EQ(Callers.size(), 1u);
  EXPECT_FALSE(Callers[0].second);
  EXPECT_TRUE(Open.callersHandling("validate", "E", "f.cc").empty());
  Units[0].Functions[0].Calls[0].Handlers = {"..."};
  IndexView Handled(indexOf(Units), nullptr);
  EXPECT_TRUE(Handled.callersHandling("validate", "E", "v.cc")[0].second);
}

TEST(SummaryIndexTest, RoundTripsAndRefusesWhatIsNotAnIndex) {
  std::vector<UnitSummary> Units = chain();
  Units[1].Functions[0].Calls[0].Handlers = {"std::exception"};
  Units[1].Functions[0].Calls[0].Outcomes["E"] = {CallOutcome::Becomes, "F", 0};
  std::string Text = SummaryIndex(Units).serialise();
  auto Parsed = SummaryIndex::parse(Text);
  ASSERT_TRUE(bool(Parsed));
  EXPECT_EQ((*Parsed)->serialise(), Text);
  // The digest is the text's: the same text, the same digest; other text, another.
  EXPECT_EQ((*Parsed)->digest(), (*SummaryIndex::parse(Text))->digest());
  Units[0].Functions[0].Name = "'renamed'";
  EXPECT_NE((*Parsed)->digest(), (*SummaryIndex::parse(SummaryIndex(Units).serialise()))->digest());
  EXPECT_TRUE(SummaryIndex(Units).digest().empty());

  auto Message = [](llvm::StringRef Text) {
    auto Index = SummaryIndex::parse(Text);
    return Index ? std::string("accepted") : llvm::toString(Index.takeError());
  };
  EXPECT_EQ(Message("[]"), "not a failguard index");
  EXPECT_EQ(Message(R"({"format":"failguard-index-9","units":[]})"),
            "format 'failguard-index-9', this failguard reads 'failguard-index-1'");
  EXPECT_EQ(Message(R"({"format":"failguard-index-1","units":[{"unit":"a","files":{},"functions":[{"usr":"u"}]}]})"),
            "unit 'a': a malformed function");
  EXPECT_EQ(Message(R"({"format":"failguard-index-1","units":[{"unit":"a","files":{},"functions":[]},{"unit":"a","files":{},"functions":[]}]})"),
            "unit 'a' appears twice");
}

TEST(SummaryIndexTest, PreferredUnitsWinForTheirFunctions) {
  std::vector<UnitSummary> Units = chain();
  UnitSummary Refreshed = Units[2];
  Refreshed.Functions[0].Throws.clear();
  Units.erase(Units.begin() + 2);
  IndexView View(std::make_shared<const SummaryIndex>(Units, std::vector<UnitSummary>{Refreshed}),
                 nullptr);
  EXPECT_TRUE(View.escapesOf("filter").empty());
}

TEST(SummaryIndexTest, DefaultPathIsPerRepository) {
  EXPECT_EQ(defaultIndexPath("/c", "/r"), defaultIndexPath("/c", "/r"));
  EXPECT_NE(defaultIndexPath("/c", "/r"), defaultIndexPath("/c", "/s"));
  EXPECT_TRUE(llvm::StringRef(defaultIndexPath("/c", "/r")).starts_with("/c/index/"));
}

TEST(SummaryIndexTest, UnitsReachingAChangedFileThatBehavesOtherwise) {
  // filter (f.cc) -> validate (v.cc) -> decode (d.cc) -> jwt::decode; the
  // decode helper's file changed.
  std::vector<UnitSummary> Now = chain();
  std::set<std::string> Changed{"d.cc"};
  using Names = std::vector<std::string>;
  // Without a baseline every escaping function of a changed file counts.
  EXPECT_EQ(unitsReaching(Now, nullptr, Changed), (Names{"d.cc", "f.cc", "v.cc"}));
  // Behaving as at the baseline (a moved line only): nothing.
  std::vector<UnitSummary> Before = chain();
  Before[2].Functions[0].Throws[0].At.Line = 40;
  EXPECT_TRUE(unitsReaching(Now, &Before, Changed).empty());
  // Its modelled call is new: every caller, transitively.
  Before[2].Functions[0].Throws.clear();
  EXPECT_EQ(unitsReaching(Now, &Before, Changed), (Names{"d.cc", "f.cc", "v.cc"}));
  // A call inside catch (...) lets nothing out, and stops the walk there.
  Now[0].Functions[0].Calls[0].Handlers = {"..."};
  EXPECT_EQ(unitsReaching(Now, &Before, Changed), (Names{"d.cc", "v.cc"}));
  // A changed file through which nothing escapes sends no one.
  EXPECT_TRUE(unitsReaching(Now, &Before, {"f.cc"}).empty());
  EXPECT_TRUE(unitsReaching(Now, &Before, {}).empty());
}

TEST(SummaryIndexTest, UnitsAnsweredByNewSummaries) {
  std::vector<UnitSummary> Units = chain();
  IndexView::Gaps AskedForDecode, AskedForValidateCallers, AskedForItself, Unrelated;
  AskedForDecode.Functions.insert("decode");
  AskedForValidateCallers.Callers.insert("validate");
  AskedForItself.Functions.insert("validate");
  Unrelated.Functions.insert("elsewhere");
  std::vector<AskedOfIndex> Asked{{"a.cc", AskedForDecode},
                                  {"b.cc", AskedForValidateCallers},
                                  {"v.cc", AskedForItself},
                                  {"c.cc", Unrelated},
                                  {"unknown.cc", std::nullopt}};
  // d.cc defines decode; f.cc calls validate; v.cc's own function never
  // comes from the index; c.cc asked for nothing they say.
  EXPECT_EQ(unitsAnswered({Units[0], Units[1], Units[2]}, Asked),
            (std::vector<std::string>{"a.cc", "b.cc", "unknown.cc"}));
  EXPECT_EQ(unitsAnswered({}, Asked), (std::vector<std::string>{"unknown.cc"}));
}

TEST(SummaryIndexTest, GapsFileRoundTrip) {
  auto Gaps = parseIndexGaps("failguard-index-gaps-1\ncallers c:@F@v\nfunction c:@F@d\n");
  ASSERT_TRUE(Gaps.has_value());
  EXPECT_TRUE(Gaps->Functions.contains("c:@F@d"));
  EXPECT_TRUE(Gaps->Callers.contains("c:@F@v"));
  EXPECT_TRUE(parseIndexGaps("failguard-index-gaps-1\n").has_value());
  EXPECT_FALSE(parseIndexGaps("failguard-index-gaps-1").has_value());
  EXPECT_FALSE(parseIndexGaps("failguard-index-gaps-2\n").has_value());
  EXPECT_FALSE(parseIndexGaps("failguard-index-gaps-1\nfunction\n").has_value());
  EXPECT_FALSE(parseIndexGaps("failguard-index-gaps-1\nvariable x\n").has_value());
}

TEST(SummaryIndexTest, MergeTakesAUnitOnceAndRefusesConflicts) {
  std::vector<UnitSummary> Units = chain();
  auto Merged = mergeUnits({{"one", {Units[0], Units[1]}}, {"two", {Units[1], Units[2]}}});
  ASSERT_TRUE(bool(Merged));
  EXPECT_EQ(SummaryIndex(*Merged).serialise(), SummaryIndex(Units).serialise());
  UnitSummary Other = Units[1];
  Other.Files["v.cc"] = "9";
  auto Conflict = mergeUnits({{"one", {Units[1]}}, {"two", {Other}}});
  ASSERT_FALSE(bool(Conflict));
  EXPECT_EQ(llvm::toString(Conflict.takeError()),
            "unit 'v.cc' differs between 'one' and 'two': they were built from different content");
}
