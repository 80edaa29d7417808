#include "quantex/lexicon.hpp"

#include "quantex/utf8.hpp"

namespace quantex {

std::uint32_t Lexicon::Trie::child(std::uint32_t node, char32_t c) const {
  if (node == 0 && c < kTable) return is_rooted(c) ? roots[c] : 0;
  const std::uint64_t wanted = key(node, c);
  if (!may_have(wanted)) return 0;
  for (std::size_t i = slot(wanted, edges.size());; i = (i + 1) & (edges.size() - 1)) {
    if (edges[i].key == wanted) return edges[i].node;
    if (edges[i].key == 0) return 0;
  }
}

void Lexicon::Trie::insert(std::uint64_t key, std::uint32_t node) {
  if (2 * (edge_count + 1) > edges.size()) {
    std::vector<Edge> old = std::move(edges);
    edges.assign(2 * old.size(), Edge{});
    edge_count = 0;
    for (const Edge& edge : old) {
      if (edge.key != 0) insert(edge.key, edge.node);
    }
  }
  std::size_t i = slot(key, edges.size());
  while (edges[i].key != 0) i = (i + 1) & (edges.size() - 1);
  edges[i] = Edge{key, node};
  ++edge_count;
  std::size_t bit = filter_bit(key);
  filter[bit >> 6] |= std::uint64_t{1} << (bit & 63);
}

std::uint32_t Lexicon::Trie::add_child(std::uint32_t node, char32_t c) {
  if (std::uint32_t existing = child(node, c); existing != 0) return existing;
  auto made = static_cast<std::uint32_t>(classes.size());
  if (made > kMaxNodes) return 0;
  classes.push_back(0);
  below.push_back(0);
  if (node == 0 && c < kTable) {
    roots[c] = static_cast<std::uint16_t>(made);
    rooted[c >> 6] |= std::uint64_t{1} << (c & 63);
  } else {
    insert(key(node, c), made);
  }
  return made;
}

bool Lexicon::add(std::string_view word, Classes classes) {
  if (word.empty()) return true;
  // Either both tries take the word or neither: check the room first.
  std::size_t characters = 0;
  for (std::size_t pos = 0; pos < word.size(); ++characters) utf8::next(word, pos);
  if (forward_.classes.size() + characters > kMaxNodes + 1 ||
      backward_.classes.size() + characters > kMaxNodes + 1) {
    return false;
  }
  for (Trie* trie : {&forward_, &backward_}) {
    bool forward = trie == &forward_;
    std::uint32_t node = 0;
    for (std::size_t pos = forward ? 0 : word.size(); forward ? pos < word.size() : pos > 0;) {
      node = trie->add_child(node, forward ? utf8::next(word, pos) : utf8::previous(word, pos));
      trie->below[node] |= classes;
    }
    trie->classes[node] |= classes;
  }
  return true;
}

Lexicon::Classes Lexicon::classes_of(std::string_view word) const {
  Word found = starting_at(word, 0, word.size());
  return found.size == word.size() ? found.classes : 0;
}

Lexicon::Word Lexicon::starting_at(std::string_view text, std::size_t begin,
                                   std::size_t limit) const {
  Word best;
  std::uint32_t node = 0;
  for (std::size_t pos = begin; pos < limit;) {
    node = forward_.child(node, utf8::next(text, pos));
    if (node == 0 || pos > limit) break;
    if (forward_.classes[node] != 0) best = Word{pos - begin, forward_.classes[node]};
  }
  return best;
}

Lexicon::Word Lexicon::ending_at(std::string_view text, std::size_t end, std::size_t floor) const {
  Word best;
  std::uint32_t node = 0;
  for (std::size_t pos = end; pos > floor;) {
    node = backward_.child(node, utf8::previous(text, pos));
    if (node == 0 || pos < floor) break;
    if (backward_.classes[node] != 0) best = Word{end - pos, backward_.classes[node]};
  }
  return best;
}

}  // namespace quantex
