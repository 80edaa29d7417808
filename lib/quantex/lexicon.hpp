// Lexicon: words of the language, each with the classes it belongs to (a verb, a scope word,
// a cue of a goal...), found by longest match at a position of a text, forward or backward.
//
// The meaning stage reads a sentence as a run of such words and of characters no word
// covers, without a dictionary of every word: it only needs to know the words that bound or
// decide something. Longest match keeps a long word from being read as a short one inside it
// (相应 is not the cue 应, 比例 not the comparison 比).
//
//   quantex::Lexicon words;
//   words.add("发放", kVerb);
//   auto word = words.ending_at(text, pos);   // the longest word that ends at pos, if any
//   if (word.classes & kVerb) pos -= word.size;
//
// Lookups walk a trie one character at a time and stop at the first character no word
// continues with. The first step is a table look (most characters begin or end no word), the
// others a hash probe each. A table of bits answers most of the steps that find nothing
// before either: the meaning stage takes a step at nearly every character it reads, and the
// larger tables, looked up at random, missed the cache on a good share of them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace quantex {

class Lexicon {
 public:
  using Classes = std::uint64_t;

  struct Word {
    std::size_t size = 0;  // bytes; 0 when no word is found
    Classes classes = 0;
  };

  // Adds a word to the given classes; adding a word again adds classes to it. false: the
  // lexicon is full (kMaxNodes characters of trie, some 20,000 words), nothing was added.
  bool add(std::string_view word, Classes classes);
  static constexpr std::size_t kMaxNodes = 0xFFFF;

  // The classes of exactly this word, 0 if it is not in the lexicon.
  Classes classes_of(std::string_view word) const;
  // The classes of the words that begin (end) with c; 0 when none does. One table look: a
  // scan asks before it walks.
  Classes starting_classes(char32_t c) const { return forward_.first_classes(c); }
  Classes ending_classes(char32_t c) const { return backward_.first_classes(c); }
  // The longest word that text[begin, ...) starts with, ending at or before limit.
  Word starting_at(std::string_view text, std::size_t begin, std::size_t limit) const;
  // The longest word that text[..., end) ends with, starting at or after floor.
  Word ending_at(std::string_view text, std::size_t end, std::size_t floor) const;

 private:
  // A trie over code points, one for each direction; node 0 is the root. The root's children
  // in the Basic Multilingual Plane are a table (of 16-bit nodes, to stay small in the
  // cache: a lexicon holds a few thousand), the other edges an open-addressed table.
  struct Trie {
    static constexpr char32_t kTable = 0x10000;
    std::vector<Classes> classes{0};  // of the word that ends at each node
    std::vector<Classes> below{0};    // of the words through each node
    std::vector<std::uint16_t> roots = std::vector<std::uint16_t>(kTable, 0);
    // The other edges, open-addressed by key (never 0: a key holds a node or a character
    // past the table); the size is a power of two, at least twice the edges.
    struct Edge {
      std::uint64_t key = 0;
      std::uint32_t node = 0;
    };
    std::vector<Edge> edges = std::vector<Edge>(64);
    std::size_t edge_count = 0;
    // A bit per hash of the edges' keys: most lookups past the root find no edge, and this
    // answers them from a table small enough to stay in the first-level cache.
    static constexpr std::size_t kFilterBits = 1 << 16;
    std::vector<std::uint64_t> filter = std::vector<std::uint64_t>(kFilterBits / 64, 0);
    static std::size_t filter_bit(std::uint64_t key) {
      return static_cast<std::size_t>((key * 0xC2B2AE3D27D4EB4Full) >> 48);
    }
    bool may_have(std::uint64_t key) const {
      std::size_t bit = filter_bit(key);
      return (filter[bit >> 6] >> (bit & 63)) & 1;
    }

    static std::uint64_t key(std::uint32_t node, char32_t c) {
      return (static_cast<std::uint64_t>(node) << 21) | c;
    }
    static std::size_t slot(std::uint64_t key, std::size_t size) {
      return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & (size - 1);
    }
    void insert(std::uint64_t key, std::uint32_t node);
    // Whether a word starts (for the backward trie, ends) with c: a table of bits small enough
    // to stay in the first-level cache, asked before the table of roots, which is not.
    std::vector<std::uint64_t> rooted = std::vector<std::uint64_t>(kTable / 64, 0);
    bool is_rooted(char32_t c) const { return (rooted[c >> 6] >> (c & 63)) & 1; }
    Classes first_classes(char32_t c) const {
      if (c >= kTable) return ~Classes{0};
      return is_rooted(c) ? below[roots[c]] : 0;
    }
    std::uint32_t child(std::uint32_t node, char32_t c) const;  // 0: none
    std::uint32_t add_child(std::uint32_t node, char32_t c);    // 0: the trie is full
  };

  Trie forward_;
  Trie backward_;
};

}  // namespace quantex
