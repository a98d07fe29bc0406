#pragma once
// The text of an enum's values: the same in JSON, in the database and in the audit log, kept in
// one table per enum. Beside an enum E, a module declares its table as an array of entries with
// the members `value` and `text` (and any labels it needs), and a function found by
// argument-dependent lookup that returns it:
//
//     enum class Colour { kRed, kBlue };
//     inline constexpr std::array<EnumText<Colour>, 2> kColours{{{Colour::kRed, "red"}, {Colour::kBlue, "blue"}}};
//     constexpr const auto& TextsOf(Colour) { return kColours; }
//
// Then Text(Colour::kRed) is "red", FromText<Colour>("blue") is Colour::kBlue and
// FromText<Colour>("green") is std::nullopt.
#include <optional>
#include <string_view>

namespace renkei {

// The entry of an enum that needs no more than its text.
template <typename E>
struct EnumText {
    E value;
    std::string_view text;
};

template <typename E>
concept HasTextTable = requires(E e) {
    { TextsOf(e).begin()->text } -> std::convertible_to<std::string_view>;
};

// The whole entry of `value` (its text and any labels). Every enumerator is in its table; a value
// outside it (a cast from a bad integer) gets the table's first entry.
template <HasTextTable E>
constexpr const auto& EntryOf(E value) {
    const auto& table = TextsOf(value);
    for (const auto& entry : table)
        if (entry.value == value) return entry;
    return *table.begin();
}

template <HasTextTable E>
constexpr std::string_view Text(E value) {
    return EntryOf(value).text;
}

// The value named by `text`, or std::nullopt when no value of E has that text.
template <HasTextTable E>
constexpr std::optional<E> FromText(std::string_view text) {
    for (const auto& entry : TextsOf(E{}))
        if (entry.text == text) return entry.value;
    return std::nullopt;
}

}  // namespace renkei
