// Unit tests of the list option parser.
#include "lib/OptionList.h"

#include "gtest/gtest.h"

using failguard::splitList;

TEST(OptionListTest, SplitsAtEitherSeparatorAndTrims) {
  EXPECT_EQ(splitList(" a ; b,c ;; ,d "), (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(OptionListTest, HonoursTheGivenSeparators) {
  EXPECT_EQ(splitList("f=A,B; g=C", ";"), (std::vector<std::string>{"f=A,B", "g=C"}));
}

TEST(OptionListTest, EmptyInputGivesNoItems) {
  EXPECT_TRUE(splitList("").empty());
  EXPECT_TRUE(splitList(" ; , ").empty());
}

