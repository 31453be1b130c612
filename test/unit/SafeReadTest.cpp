// Unit tests of the regular-file reader and the depth-bounded JSON parser.
#include "lib/SafeRead.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace failguard;

namespace {

class SafeReadTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("failguard-saferead", Dir));
  }
  void TearDown() override {
    // remove_directories leaves a FIFO behind.
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
      ::unlink(It->path().c_str());
    llvm::sys::fs::remove_directories(Dir);
  }
  std::string path(llvm::StringRef Name) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, Name);
    return P.str().str();
  }
  std::string message(llvm::Error E) { return llvm::toString(std::move(E)); }
  llvm::SmallString<256> Dir;
};

TEST_F(SafeReadTest, ReadsARegularFile) {
  std::ofstream(path("a.txt")) << "hello";
  auto Buffer = readRegularFile(path("a.txt"));
  ASSERT_TRUE(bool(Buffer));
  EXPECT_EQ((*Buffer)->getBuffer(), "hello");
}

TEST_F(SafeReadTest, RefusesAFifoWithoutBlocking) {
  ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0600), 0);
  auto Buffer = readRegularFile(path("fifo"));
  ASSERT_FALSE(bool(Buffer));
  EXPECT_NE(message(Buffer.takeError()).find("not a regular file"), std::string::npos);
}

TEST_F(SafeReadTest, RefusesADeviceBehindASymlink) {
  ASSERT_EQ(::symlink("/dev/zero", path("zero").c_str()), 0);
  auto Buffer = readRegularFile(path("zero"));
  ASSERT_FALSE(bool(Buffer));
  EXPECT_NE(message(Buffer.takeError()).find("not a regular file"), std::string::npos);
}

TEST_F(SafeReadTest, RefusesSymlinksWhenAsked) {
  std::ofstream(path("target")) << "x";
  ASSERT_EQ(::symlink(path("target").c_str(), path("link").c_str()), 0);
  EXPECT_TRUE(bool(readRegularFile(path("link"))));
  auto Refused = readRegularFile(path("link"), {64, /*RefuseSymlink=*/true});
  ASSERT_FALSE(bool(Refused));
  EXPECT_NE(message(Refused.takeError()).find("symbolic link"), std::string::npos);
}

TEST_F(SafeReadTest, RefusesFilesOverTheCap) {
  std::ofstream(path("big")) << std::string(100, 'x');
  auto Buffer = readRegularFile(path("big"), {99, false});
  ASSERT_FALSE(bool(Buffer));
  EXPECT_NE(message(Buffer.takeError()).find("larger than 99 bytes"), std::string::npos);
  EXPECT_TRUE(bool(readRegularFile(path("big"), {100, false})));
}

TEST(ParseJSONBoundedTest, RefusesDeepNestingAndAcceptsTheRest) {
  std::string Deep(100000, '[');
  auto Parsed = parseJSONBounded(Deep, 64);
  ASSERT_FALSE(bool(Parsed));
  llvm::consumeError(Parsed.takeError());
  auto Shallow = parseJSONBounded(R"({"a": [1, {"b": "[[[[\"]]"}]})", 3);
  ASSERT_TRUE(bool(Shallow));
  EXPECT_EQ(*Shallow->getAsObject()->getArray("a")->front().getAsInteger(), 1);
}

} // namespace
