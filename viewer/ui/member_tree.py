"""The Files view's tree of members, as plain lists: built once per export, no Qt.

The tree is built from the member paths (nested archives first split on ``!/``, then on
``/``); ``MemberTreeModel`` (``files_model``) is a thin Qt adapter over it. ``ContentsIndex``
looks up, by member path, what the importers understood of each member.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from viewer.archive import Member, MemberKind
from viewer.formats.base import registered_importers
from viewer.model import ExportContents, Recording

#: Node types (``MemberTree.type``): folders derived from paths, archive members, files.
FOLDER_NODE, ARCHIVE_NODE, FILE_NODE = 0, 1, 2
ROOT = 0
_NO_CHILDREN: list[int] = []


class MemberTree:
    """Every row as parallel lists indexed by a node id; id 0 is the invisible root.

    Lists rather than one object per row: 100,000 members build in a fraction of a second,
    and a QModelIndex carries the id as its ``internalId``. Members have ids 1..n in path
    order and the folders derived from their paths the ids after them, so a folder's id is
    not smaller than its children's: totals are summed over a reverse breadth-first walk.
    """

    __slots__ = ("by_path", "children", "files", "flagged", "flagged_below", "folded",
                 "member", "name", "parent", "path", "row", "size", "status", "type")

    def __init__(self) -> None:
        self.name: list[str] = [""]
        self.path: list[str] = [""]
        self.parent: list[int] = [-1]
        self.row: list[int] = [0]
        self.type = bytearray([FOLDER_NODE])
        self.member: list[Member | None] = [None]
        self.size: list[int] = [0]
        #: Files below a folder or opened archive (an opened archive counts what it holds).
        self.files: list[int] = [0]
        #: 1 when the row itself is not understood or has problems.
        self.flagged = bytearray(1)
        self.flagged_below: list[int] = [0]
        #: Child ids of folders and opened archives, in display order.
        self.children: dict[int, list[int]] = {ROOT: []}
        self.by_path: dict[str, int] = {}
        #: (status key, text, tooltip, warning), computed when a row is first shown.
        self.status: dict[int, tuple[str, str, str, bool]] = {}
        #: Casefolded paths, made when the filter is first used.
        self.folded: list[str] | None = None

    def kids(self, node: int) -> list[int]:
        return self.children.get(node, _NO_CHILDREN)


def build_tree(members: Iterable[Member], flagged_paths: set[str] | frozenset[str]) -> MemberTree:
    """The tree of ``members``: nesting split on ``!/`` first, then folders on ``/``.

    Members get ids 1..n in path order, built column by column; folders derived from the
    paths get the ids after them. Only the distinct folders go through a Python loop.
    """
    tree = MemberTree()
    # Sorted, an archive member ("x.zip") comes before what it holds ("x.zip!/...").
    ordered = sorted(members, key=_member_path)
    paths = ["", *(member.path for member in ordered)]
    cuts = [path.rfind("/") + 1 for path in paths]
    names = [path[cut:] for path, cut in zip(paths, cuts, strict=True)]
    parent_keys = [path[:cut] for path, cut in zip(paths, cuts, strict=True)]
    owners: list[Member | None] = [None, *ordered]
    types = bytearray([FOLDER_NODE]) + bytearray(
        ARCHIVE_NODE if member.kind is MemberKind.ARCHIVE else FILE_NODE for member in ordered)
    sizes = [0, *(member.size for member in ordered)]
    files = [0, *([1] * len(ordered))]
    flagged = bytearray([0]) + bytearray(
        1 if member.problems or member.path in flagged_paths else 0 for member in ordered)
    # The first of several members with one path keeps the lookup (the archive layer marks
    # the others unreadable); reversed, so that the first assignment is the one that stays.
    by_path = dict(zip(reversed(paths), range(len(paths) - 1, 0, -1), strict=False))
    by_path.pop("", None)

    # Container ids by the prefix their children's paths start with: "a/b/" for a folder,
    # "a/x.zip!/" for a nested archive (whose container is the archive member itself).
    containers: dict[str, int] = {"": ROOT}
    folder_parents: list[int] = []

    def container(key: str) -> int:
        node = containers.get(key)
        if node is not None:
            return node
        if key.endswith("!/"):
            archive = by_path.get(key[:-2])
            if archive is not None and types[archive] == ARCHIVE_NODE:
                files[archive] = 0  # an opened archive counts what it holds, not itself
                containers[key] = archive
                return archive
        path = key[:-1]
        parent_key = path[: path.rfind("/") + 1]
        parent = container(parent_key)
        node = len(names)
        names.append(path[len(parent_key):])
        paths.append(path)
        folder_parents.append(parent)
        types.append(FOLDER_NODE)
        owners.append(None)
        sizes.append(0)
        files.append(0)
        flagged.append(0)
        containers[key] = node
        return node

    for key in dict.fromkeys(parent_keys):
        if key not in containers:
            container(key)
    parents = [-1, *(containers[key] for key in parent_keys[1:]), *folder_parents]

    # Display order: folders and archives first, then files, by name regardless of case.
    count = len(names)
    keys = [("1" if kind == FILE_NODE else "0") + name.casefold()
            for kind, name in zip(types, names, strict=True)]
    children: dict[int, list[int]] = {node: [] for node in containers.values()}
    rows = [0] * count
    for node in sorted(range(1, count), key=keys.__getitem__):
        siblings = children[parents[node]]
        rows[node] = len(siblings)
        siblings.append(node)

    # Totals, children before parents: the reverse of a breadth-first walk.
    walk = [ROOT]
    for node in walk:
        walk.extend(children.get(node, _NO_CHILDREN))
    flagged_below = [0] * count
    for node in reversed(walk):
        parent = parents[node]
        if parent < 0:
            continue
        files[parent] += files[node]
        flagged_below[parent] += flagged_below[node] + flagged[node]
        if types[parent] == FOLDER_NODE:
            sizes[parent] += sizes[node]

    tree.name, tree.path, tree.parent, tree.row, tree.type = names, paths, parents, rows, types
    tree.member, tree.size, tree.files, tree.flagged = owners, sizes, files, flagged
    tree.flagged_below, tree.children, tree.by_path = flagged_below, children, by_path
    return tree


def _member_path(member: Member) -> str:
    return member.path


@dataclass(frozen=True, slots=True)
class ContentsIndex:
    """Lookups by member path into ExportContents, built once per export."""

    recordings: dict[str, Recording]
    not_understood: dict[str, str]
    import_problems: dict[str, list[str]]
    #: Member path -> importer names that read something from it.
    read_by: dict[str, list[str]]
    labels: dict[str, str]
    #: Paths to flag: not understood, import problems, recordings that cannot be played.
    flagged: frozenset[str]

    @classmethod
    def build(cls, contents: ExportContents) -> ContentsIndex:
        recordings = {recording.path: recording for recording in contents.recordings}
        not_understood = {item.path: item.reason for item in contents.not_understood}
        problems: dict[str, list[str]] = {}
        for problem in contents.problems:
            if problem.source.path:
                problems.setdefault(problem.source.path, []).append(problem.message)
        read_by: dict[str, dict[str, None]] = {}

        def note(path: str, fmt: str) -> None:
            read_by.setdefault(path, {})[fmt] = None

        by_device: dict[str, dict[str, None]] = {}
        by_account: dict[str, dict[str, None]] = {}
        for recording in contents.recordings:
            for fact in recording.facts:
                note(fact.source.path, recording.format)
            if recording.device:
                by_device.setdefault(recording.device, {})[recording.format] = None
            if recording.account:
                by_account.setdefault(recording.account, {})[recording.format] = None
        for entry in contents.transcripts:
            note(entry.source.path, entry.format)
        # Devices and accounts do not say which importer found them; the recordings made on
        # them do. With a single format the answer is that format.
        single = contents.formats[:1] if len(contents.formats) == 1 else ()
        for device in contents.devices:
            for source in device.sources:
                for fmt in by_device.get(device.key) or single:
                    note(source.path, fmt)
        for account in contents.accounts:
            for source in account.sources:
                for fmt in by_account.get(account.key) or single:
                    note(source.path, fmt)
        labels = {importer.name: importer.label for importer in registered_importers()}
        flagged = frozenset(not_understood).union(
            problems, (path for path, recording in recordings.items()
                       if recording.audio_problem))
        return cls(recordings, not_understood, problems,
                   {path: list(formats) for path, formats in read_by.items()}, labels, flagged)



def split_path(path: str) -> list[str]:
    """``a/x.zip!/b/c`` -> ``["a", "x.zip", "b", "c"]``: nesting first, then folders."""
    return [part for level in path.split("!/") for part in level.split("/") if part]

