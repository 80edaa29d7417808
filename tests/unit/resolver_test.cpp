// Overlapping candidates: one span yields one record; priority, then length, then rule order.
#define BOOST_TEST_MODULE resolver
#include "quantex/resolver.hpp"

#include <boost/test/unit_test.hpp>
#include <vector>

using quantex::Candidate;
using quantex::Span;

namespace {

Candidate plain(std::size_t begin, std::size_t end, int priority, std::size_t order) {
  Candidate c;
  c.priority = priority;
  c.rule_order = order;
  c.text = Span{begin, end};
  c.claims[0] = c.text;
  return c;
}

std::vector<std::size_t> kept(const std::vector<Candidate>& candidates) {
  quantex::Resolver resolver;
  return resolver.resolve(candidates);
}

}  // namespace

BOOST_AUTO_TEST_CASE(higher_priority_wins) {
  auto k = kept({plain(0, 4, 20, 0), plain(2, 6, 30, 1)});
  BOOST_TEST(k == std::vector<std::size_t>({1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(longer_match_wins_a_tie) {
  // 5个 (count) against 5个工作日 (time limit), same priority.
  auto k = kept({plain(0, 2, 20, 0), plain(0, 5, 20, 1)});
  BOOST_TEST(k == std::vector<std::size_t>({1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(earlier_rule_wins_an_equal_match) {
  auto k = kept({plain(3, 6, 20, 5), plain(3, 6, 20, 2)});
  BOOST_TEST(k == std::vector<std::size_t>({1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(disjoint_candidates_all_stay_in_text_order) {
  auto k = kept({plain(10, 12, 20, 0), plain(0, 2, 20, 0), plain(5, 7, 10, 3)});
  BOOST_TEST(k == std::vector<std::size_t>({1, 2, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(touching_spans_do_not_overlap) {
  auto k = kept({plain(0, 3, 20, 0), plain(3, 6, 20, 1)});
  BOOST_TEST(k.size() == 2u);
}

BOOST_AUTO_TEST_CASE(exclusion_claims_without_a_record) {
  Candidate exclusion = plain(0, 6, 100, 9);
  exclusion.yields_record = false;
  auto k = kept({plain(1, 4, 20, 0), exclusion, plain(8, 10, 20, 0)});
  BOOST_TEST(k == std::vector<std::size_t>({2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(change_claims_both_numbers_and_leaves_the_middle) {
  // 将358项…分4批…压减至97项: the change claims 358项 and 97项; 4批 between stays free.
  Candidate change = plain(0, 30, 30, 0);
  change.claims[0] = Span{0, 4};
  change.claims[1] = Span{26, 30};
  change.claim_count = 2;
  auto k = kept({change, plain(12, 14, 20, 1), plain(0, 4, 20, 1), plain(26, 30, 20, 1)});
  BOOST_TEST(k == std::vector<std::size_t>({0, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(claims_far_into_a_long_line_and_across_words_of_bits) {
  // Claims are kept a bit a byte: spans that cross a 64-byte word, touch at its edge, or
  // lie megabytes into a line must overlap or not as their bytes say.
  const std::size_t far = 3'000'000;
  auto k = kept({plain(far + 60, far + 70, 30, 0),    // kept first
                 plain(far + 70, far + 130, 20, 1),   // touches it: kept
                 plain(far + 69, far + 71, 25, 2),    // shares a byte with the first: dropped
                 plain(far + 129, far + 140, 10, 3),  // shares byte 129 with the second: dropped
                 plain(far + 130, far + 140, 10, 4),  // touches the second: kept
                 plain(far, far + 60, 5, 5)});        // touches the first from before: kept
  BOOST_TEST(k == std::vector<std::size_t>({5, 0, 1, 4}), boost::test_tools::per_element());
}

// A winner whose number cannot be read is passed over, as if it had never matched: what it
// would have taken goes to the next, and only candidates that would win are asked.
BOOST_AUTO_TEST_CASE(an_unreadable_winner_leaves_its_text_to_the_next) {
  std::vector<Candidate> candidates = {plain(0, 4, 20, 0), plain(2, 6, 30, 1), plain(3, 5, 10, 2),
                                       plain(8, 9, 20, 3)};
  std::vector<std::size_t> asked;
  quantex::Resolver resolver;
  auto k = resolver.resolve(candidates, [&](std::size_t index) {
    asked.push_back(index);
    return index != 1;
  });
  BOOST_TEST(k == std::vector<std::size_t>({0, 3}), boost::test_tools::per_element());
  // 1 first (highest), then 0 and 3; 2 overlaps 0, which was kept, and is never asked.
  BOOST_TEST(asked == std::vector<std::size_t>({1, 0, 3}), boost::test_tools::per_element());
}
