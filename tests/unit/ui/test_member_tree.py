"""The member tree's plain lists (no Qt): nesting, display order, totals, lookups."""

from __future__ import annotations

from viewer.archive import Member, MemberKind
from viewer.ui.member_tree import (
    ARCHIVE_NODE,
    FILE_NODE,
    FOLDER_NODE,
    ROOT,
    MemberTree,
    build_tree,
    split_path,
)


def _member(path: str, size: int, kind: MemberKind = MemberKind.TEXT,
            problems: tuple[str, ...] = ()) -> Member:
    return Member(path=path, size=size, compressed_size=size, kind=kind, modified=None,
                  source="export.zip", depth=path.count("!/"), problems=problems)


MEMBERS = [
    _member("zeta.txt", 1),
    _member("Alpha/b.txt", 10),
    _member("Alpha/Deep/c.json", 100, MemberKind.JSON),
    _member("x.zip", 5_000, MemberKind.ARCHIVE),
    _member("x.zip!/Inner/e.csv", 1_000, MemberKind.TABLE),
    _member("unopened.zip", 7, MemberKind.ARCHIVE, problems=("not opened: too deep",)),
]


def _node(tree: MemberTree, path: str) -> int:
    return tree.by_path[path]


def _names(tree: MemberTree, node: int) -> list[str]:
    return [tree.name[child] for child in tree.kids(node)]


def test_nesting_folders_and_display_order() -> None:
    tree = build_tree(MEMBERS, frozenset())
    # Folders and archives first, then files, by name regardless of case.
    assert _names(tree, ROOT) == ["Alpha", "unopened.zip", "x.zip", "zeta.txt"]
    archive = _node(tree, "x.zip")
    assert tree.type[archive] == ARCHIVE_NODE
    assert _names(tree, archive) == ["Inner"]
    inner = tree.kids(archive)[0]
    assert tree.type[inner] == FOLDER_NODE and tree.path[inner] == "x.zip!/Inner"
    assert tree.type[_node(tree, "zeta.txt")] == FILE_NODE
    # A QModelIndex's row is the position among its siblings.
    for node in range(1, len(tree.name)):
        assert tree.kids(tree.parent[node])[tree.row[node]] == node


def test_folders_sum_sizes_and_opened_archives_count_what_they_hold() -> None:
    tree = build_tree(MEMBERS, frozenset())
    alpha = tree.kids(ROOT)[0]
    assert (tree.size[alpha], tree.files[alpha]) == (110, 2)
    archive = _node(tree, "x.zip")
    # An opened archive keeps its own size but counts the files inside, not itself.
    assert (tree.size[archive], tree.files[archive]) == (5_000, 1)
    assert tree.files[_node(tree, "unopened.zip")] == 1
    assert tree.files[ROOT] == 5  # zeta, b, c, e and the unopened archive
    assert tree.size[ROOT] == 1 + 110 + 5_000 + 7


def test_flagged_rows_are_counted_in_their_ancestors() -> None:
    tree = build_tree(MEMBERS, frozenset({"Alpha/Deep/c.json"}))
    flagged = {tree.path[node] for node in range(len(tree.name)) if tree.flagged[node]}
    assert flagged == {"Alpha/Deep/c.json", "unopened.zip"}  # problems flag a member too
    alpha = tree.kids(ROOT)[0]
    assert tree.flagged_below[alpha] == 1
    assert tree.flagged_below[ROOT] == 2


def test_the_first_of_two_members_with_one_path_keeps_the_lookup() -> None:
    first, second = _member("dup.txt", 1), _member("dup.txt", 2)
    tree = build_tree([first, second], frozenset())
    assert tree.member[tree.by_path["dup.txt"]] is first
    assert len(tree.kids(ROOT)) == 2


def test_an_empty_export_is_the_root_alone() -> None:
    tree = build_tree([], frozenset())
    assert tree.kids(ROOT) == [] and tree.files[ROOT] == 0 and tree.by_path == {}


def test_split_path_splits_nesting_then_folders() -> None:
    assert split_path("a/x.zip!/b/c") == ["a", "x.zip", "b", "c"]
    assert split_path("") == []
