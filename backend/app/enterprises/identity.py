"""How an enterprise is identified: the USCC checksum (GB 32100-2015) and a normalised name for duplicates."""

import re
import unicodedata

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 3^(i-1) mod 31 for positions 1..17
USCC_PATTERN = re.compile(rf"^[{USCC_CHARSET}]{{18}}$")

# longest first, so 股份有限公司 is removed before 有限公司
_SUFFIXES = sorted(["有限责任公司", "股份有限公司", "有限公司", "集团有限公司", "集团股份有限公司", "集团",
                    "公司", "co.ltd.", "co.ltd", "ltd.", "ltd", "limited", "inc.", "inc", "corp.",
                    "corporation", "group"], key=len, reverse=True)
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")"})


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_checksum_ok(code: str) -> bool:
    """True for an 18-character code whose last character is the GB 32100-2015 check character."""
    code = code.upper()
    return bool(USCC_PATTERN.match(code)) and uscc_check_char(code[:17]) == code[17]


def normalize_name(name: str) -> str:
    """Full/half width, case, spaces, bracket styles and legal-form suffixes do not make a different company.

    "聊城（中国）新材料股份有限公司" and "聊城(中国)新材料有限公司" normalise alike.
    """
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS).lower()
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[()·,，。、\-_'\"]", "", text)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                changed = True
                break
    return text.replace(".", "")[:200]
