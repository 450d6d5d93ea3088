"""A fund's size as news states it, in yuan.

News gives a fund's size in many ways, before or after the fund's name:

- after it, by a size word: …基金总规模50亿元, 目标规模预计20亿元, 认缴规模达10亿元,
  首期募资5亿元, 基金规模达到100亿元人民币, 规模为5000万元;
- before it: 设立总规模30亿元的…基金, 设立20亿元…基金, 规模为50亿元的…基金;
- by an order of size: 百亿级…基金, 百亿…母基金 (10^10), 千亿级 (10^11);
- grown to it: 规模扩大至50亿元, 规模增至10亿元;
- as a range (50亿—100亿元, 50至100亿元): the upper bound, the size the fund may reach;
- in Arabic or Chinese numerals (五十亿元, 两百亿元, 1,000万元), in 元, 万元, 亿元, 万亿元.

Funds listed together take their sizes in order when the sizes say so (甲基金、乙基金规模
分别为10亿元、5亿元).
A size after a count of funds (甲基金等3只基金，总规模60亿元) is their sum, no one fund's.
A size in another currency (美元, 港元) is no amount in yuan. When both a first tranche
and a total are given (首期规模20亿元、总规模100亿元) the total is the fund's size.
"""
from __future__ import annotations

import re

#: A number: Arabic (with thousands separators) or Chinese numerals.
_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
#: The unit after a number, and the yuan that may follow it (not another currency).
_UNIT = r"\s*(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)?(?!美元|港元|港币|欧元|日元|美金)(元|人民币)?"
#: An amount, or a range of two (50亿—100亿元, 50至100亿元).
_AMOUNT = _NUMBER + _UNIT + r"(?:\s*(?:-|—|–|~|～|至|到)\s*" + _NUMBER + _UNIT + r")?"
#: Words that state a size, then (after at most a few words: 预计, 达到, 为) the amount.
_SIZE_WORD = (r"(?:总规模|目标规模|基金规模|认缴规模|募资规模|募集规模|首期规模|规模|总额|总金额|"
              r"认缴出资额?|出资额?|首期募资|募集资金|募资|募集|资金|首期)")
_CONNECTIVE = r"(?:(?:扩大|增加|提高|提升|扩|增)(?:至|到)|预计|计划|拟|初定|设定|将|为|达|达到|已达|已|高达|约|超|超过|逾|不低于|不少于|共|首期|有望|目标|合计|累计|\s)*"
_AFTER = re.compile(_SIZE_WORD + _CONNECTIVE + _AMOUNT)
#: A bound said after an amount (百亿元以上, 50亿元左右): the amount is still the size.
_ABOUT = r"(?:以上|左右|之多|上下)?"
#: An amount right before a fund's name (设立总规模30亿元的…基金, 设立20亿元…基金).
_BEFORE = re.compile(r"(?:" + _SIZE_WORD + _CONNECTIVE + r")?" + _AMOUNT + _ABOUT + r"(?:规模|级)?的?[“\"]?$")
#: A size written as a modifier in front of a fund's kind (百亿元以上规模的|产业基金,
#: 50亿元规模的|母基金): no part of the fund's name, which is the kind after it.
SIZE_MODIFIER = re.compile(_AMOUNT + _ABOUT + r"(?:规模的|规模|级的|的)")
#: An order of size leading a fund's name (百亿级…基金, 百亿…母基金).
#: A fund closing a list of several (甲基金等3只基金): a size after it is the list's sum.
_GROUP = re.compile(r"等[\d一二三四五六七八九十两多几]+[只支个](?:基金|子基金)")
_ORDER = re.compile(r"^(十|百|千)亿(?:元)?(?:级)?")
_ORDERS = {"十": 1e9, "百": 1e10, "千": 1e11}
_UNITS = {None: 1.0, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9,
          "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> float | None:
    """五十 → 50, 两百 → 200, 一千五百 → 1500, 十 → 10; None if not a number."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _POWERS:
            total += (1 if digit is None else digit) * _POWERS[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return chinese_number(text)


def _yuan(groups: tuple) -> float | None:
    """The amount of a match of ``_AMOUNT`` in yuan (a range's upper bound), or None when
    it is no sum of money (a bare number without 元 or a unit)."""
    low, low_unit, low_yuan, high, high_unit, high_yuan = groups
    if high is not None:
        unit = high_unit or low_unit
        if unit is None and not high_yuan:
            return None
        value = _number(high)
        return None if value is None else value * _UNITS[unit]
    if low_unit is None and not low_yuan:
        return None
    value = _number(low)
    return None if value is None else value * _UNITS[low_unit]


def fund_amount(text: str, start: int, end: int, name: str, lower: int, upper: int) -> float | None:
    """The size written with the fund named ``name`` at [start, end): an order of size in its
    name, an amount right before it (not before ``lower``), or one stated after it (before
    ``upper``)."""
    order = _ORDER.match(name)
    if order and not name[order.end():].startswith(("元", "美元")):
        return _ORDERS[order.group(1)]
    before = _BEFORE.search(text, max(lower, start - 24), start)
    if before is not None:
        amount = _yuan(before.groups()[-6:])
        if amount:
            return amount
    group = _GROUP.search(text, end, upper)
    if group is not None:
        upper = group.start()  # 甲基金等3只基金，总规模60亿元: the sum of the group's funds
    sizes = [(m.group(), _yuan(m.groups()[-6:])) for m in _AFTER.finditer(text, end, upper)]
    sizes = [(said, amount) for said, amount in sizes if amount]
    if not sizes:
        return None
    # 首期规模20亿元、总规模100亿元: the total, whichever is written first
    return next((amount for said, amount in sizes if said.startswith(("总规模", "总额", "总金额", "目标规模"))),
                sizes[0][1])


#: 规模分别为: the sizes of the funds listed before, in their order.
_RESPECTIVE = re.compile(_SIZE_WORD + r"?分别" + _CONNECTIVE)
#: What separates the listed sizes (10亿元、5亿元和3亿元).
_SIZE_SEPARATOR = re.compile(r"\s*(?:、|和|及|与|,|，)\s*")
_AMOUNT_AT = re.compile(_AMOUNT)


def respective_amounts(text: str, listed_end: int, count: int, upper: int) -> list[float] | None:
    """The sizes of ``count`` funds listed together up to ``listed_end``, when a 分别 right
    after the list gives one size each (…规模分别为10亿元、5亿元); else None."""
    said = _RESPECTIVE.search(text, listed_end, min(upper, listed_end + 8))
    if said is None:
        return None
    found, at = [], said.end()
    while len(found) < count:
        amount = _AMOUNT_AT.match(text, at)
        value = _yuan(amount.groups()) if amount else None
        if not value or amount.end() > upper:
            return None
        found.append(value)
        sep = _SIZE_SEPARATOR.match(text, amount.end())
        at = sep.end() if sep else amount.end()
    return found
