"""Departments of central bodies: 某部某某司, 国家发展改革委某某司.

A ministry's departments (司) are named by the ministry followed by the department's
words and 司 (工业和信息化部产业政策与法规司). The name is the whole; the department is part of
the ministry. A 司 word that ends 公司 (a company) or 上司 is none.
"""
from __future__ import annotations

import re

from .model import Mention

#: What follows a central body's name to make one of its departments.
_DEPARTMENT = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?<![公上])司(?!法)")
#: Words of prose that never begin a department's own words.
_NOT_DEPARTMENT = re.compile(r"^(?:和|与|及|等|的|在|对|将|把|有关|相关|各|主要|负责|联合|会同)")


def central_departments(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(department, its body) for every department named right after a central body."""
    out = []
    for m in mentions:
        if m.type != "GovernmentBody" or m.rule != "gazetteer" or not m.key.startswith("gov:"):
            continue
        dept = _DEPARTMENT.match(text, m.end, min(len(text), m.end + 12))
        if dept is None or _NOT_DEPARTMENT.match(dept.group(1)) or not re.fullmatch(
                r"[\u4e00-\u9fff]+", dept.group(1)):
            continue
        name = m.text + dept.group()
        out.append((Mention(m.start, dept.end(), "GovernmentBody", name, rule="department",
                            confidence=0.85), m))
    return out
