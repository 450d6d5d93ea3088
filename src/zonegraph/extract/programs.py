"""Campaigns named without quotes: the verb that carries one out marks its name.

News names a zone's campaigns plainly (加快实施企业服务攻坚行动, 深入开展营商环境提升
行动, 推进城乡供水工程): the kind (攻坚行动, 专项行动, 提升行动, 工程 …) ends the name and
the verb that runs it (实施, 开展, 启动 …) begins it. A kind alone (开展专项行动) or after words that only say
what kind it is (开展相关专项行动) is no name.
"""
from __future__ import annotations

import re

from .model import Mention
from .names import _is_generic, _tokens_between

#: The kinds of campaign a name ends with, and the verbs that carry one out.
_KINDS = "攻坚行动|专项行动|提升行动|百日行动|倍增行动|三年行动|攻坚年|工程"  # not 攻坚战, a figure of speech
_KIND = re.compile(f"(?:{_KINDS})$")
_CAMPAIGN = re.compile(r"(?:实施|开展|启动|推进|部署|推出)(?:了|好)?"
                       rf"([\u4e00-\u9fff\dA-Za-z+]{{2,14}}?(?:{_KINDS}))")
_NOT_NAME = re.compile(r"[的和与及、]|^(?:一系列|系列|多项|各项|一批|相关|有关|这项|该项|此次|本次)")


def find_campaigns(text: str, tokens: list[tuple[int, int, str]]) -> list[Mention]:
    """Campaigns named after the verb that carries them out (实施|企业服务攻坚行动)."""
    out = []
    for m in _CAMPAIGN.finditer(text):
        a, b = m.span(1)
        name = m.group(1)
        if _NOT_NAME.search(name):
            continue
        prefix = name[:_KIND.search(name).start()]
        if len(prefix) < 2 or _is_generic(prefix, _tokens_between(tokens, a, a + len(prefix)) or [prefix]):
            continue
        out.append(Mention(a, b, "Program", name, rule="campaign", confidence=0.75))
    return out
