// Sections: what a document says of the numbers that follow its title and headings, carried
// from line to line. A title ending in 方案, 条例 or 意见 makes every number a goal or a
// requirement unless a part says otherwise; one ending in 报告 makes them results. The
// heading of a part (一、, 第一章, ##, or a short line of its own) says which by its words:
// 工作回顾 results, 工作安排 plans; a part whose heading says neither reads as the document.
//
//   quantex::Sections sections(language);
//   sections.see(line);   // every line, in order
//   if (sections.plan()) ...
//
// The state is two readings and a flag, whatever the length of the document.
#pragma once

#include <cstdint>
#include <string_view>

#include "quantex/language.hpp"

namespace quantex {

class Sections {
 public:
  explicit Sections(const Language& language) : language_(language) {}

  // see() reads no more of a line than its leading spaces and this many bytes after them,
  // and whether there are more: a line cut there, when it still holds that many, is seen
  // as the whole line would be.
  static constexpr std::size_t kBytesSeen = 4 * 61;

  void start_document();
  void see(std::string_view line);
  // Whether numbers here are goals when their sentence does not say.
  bool plan() const;
  // Whether this part's heading says it reviews what was done (一、2025年工作回顾).
  bool review() const { return state_.section == Reading::kResults; }

  enum class Reading : std::uint8_t { kUnknown, kResults, kPlans };
  // All that is carried from line to line: a document read in parts on several threads
  // hands it from one part to the next.
  struct State {
    Reading document = Reading::kUnknown;
    Reading section = Reading::kUnknown;
    bool in_title = true;
  };
  State state() const { return state_; }
  void resume(const State& state) { state_ = state; }

 private:
  // The reading of a title or heading from its words: the last decisive word wins
  // (关于…审议意见的报告 is a report).
  Reading reading_of(std::string_view text, Lexicon::Classes plan, Lexicon::Classes results) const;

  const Language& language_;
  State state_;
};

}  // namespace quantex
