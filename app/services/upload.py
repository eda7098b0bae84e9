"""Safe handling of files people send: what a file really is (by its bytes, never by its name
or the type the browser claims), pictures decoded and written again by a real imaging library
so that nothing hidden in them (location, camera, scripts) is kept, and other files screened
for what a report or a letter should not contain. Pictures for the child's-voice tools go
through `clean_picture` too."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from app.config import get_settings
from app.errors import FieldError, Invalid

try:  # HEIC photos from phones, if the library is there.
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - the library is a dependency
    HEIC = False

KIND_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: What can be kept, by media type: (extension, words for people).
KINDS: dict[str, tuple[str, str]] = {
    "application/pdf": ("pdf", "PDF"),
    "image/jpeg": ("jpg", "photo (JPEG)"),
    "image/png": ("png", "picture (PNG)"),
    KIND_DOCX: ("docx", "Word document"),
    "text/plain": ("txt", "text file"),
}
ACCEPTED = "a PDF, a Word document (.docx), a photo (JPEG, PNG or HEIC) or a text file"
_PDF_RISKS = ("/javascript", "/js", "/launch", "/embeddedfile", "/richmedia")
_MAX_UNZIPPED = 100_000_000


@dataclass(frozen=True)
class Checked:
    content: bytes
    media_type: str
    filename: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def _refuse(message: str, field: str = "file") -> Invalid:
    return Invalid([FieldError(["body", field], message)])


def check(data: bytes, filename: str | None, *, field: str = "file") -> Checked:
    """The file as it will be kept, or Invalid with a message a worker can act on."""
    limit = get_settings().max_upload_bytes
    if not data:
        raise _refuse("The file is empty. Choose the file again.", field)
    if len(data) > limit:
        raise _refuse(f"The file is larger than {limit // 1_000_000} MB. Save a smaller "
                      "copy (for example a PDF without scanned pictures) and try again.", field)
    media_type = sniff(data)
    if media_type in ("image/jpeg", "image/png", "image/heic"):
        content, media_type = clean_picture(data, field=field)
    elif media_type == "application/pdf":
        _screen_pdf(data, field)
        content = data
    elif media_type == KIND_DOCX:
        _screen_docx(data, field)
        content = data
    elif media_type == "text/plain":
        content = data
    else:
        raise _refuse(f"This kind of file cannot be kept. Upload {ACCEPTED}.", field)
    return Checked(content=content, media_type=media_type,
                   filename=safe_name(filename, KINDS[media_type][0]),
                   sha256=hashlib.sha256(content).hexdigest())


def sniff(data: bytes) -> str | None:
    """The file's type from its first bytes."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "image/heic"
    if data.startswith(b"PK\x03\x04"):
        return KIND_DOCX
    if _is_text(data):
        return "text/plain"
    return None


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return False  # a web page or SVG, which a browser would run
    return not any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f" for ch in text)


def clean_picture(data: bytes, *, field: str = "file") -> tuple[bytes, str]:
    """Decode the picture and write it again: EXIF (with any location), comments and colour
    profiles are left behind; the way up the camera recorded is applied first, so the picture
    still looks as it did. Photos stay JPEG, drawings and screenshots PNG."""
    max_pixels = get_settings().max_image_pixels
    out = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = max_pixels
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > max_pixels:
                    raise Image.DecompressionBombError("too many pixels")
                source_format = img.format
                img.load()
                # Turned and written again while it is open, without a second copy: a
                # 12-megapixel photo is 36 MB decoded.
                ImageOps.exif_transpose(img, in_place=True)
                if source_format == "PNG":
                    keep = img if img.mode in ("RGB", "RGBA", "L", "LA", "P") else \
                        img.convert("RGBA")
                    keep.save(out, format="PNG", optimize=True)
                    media_type = "image/png"
                else:
                    rgb = img if img.mode in ("RGB", "L") else img.convert("RGB")
                    rgb.save(out, format="JPEG", quality=90)
                    media_type = "image/jpeg"
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(f"The picture is too large: at most {max_pixels // 1_000_000} million "
                      "pixels. Save a smaller copy and try again.", field) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _refuse("The picture could not be read: it may be damaged or only part of it "
                      "was sent. Try saving it again.", field) from None
    return out.getvalue(), media_type


def _screen_pdf(data: bytes, field: str) -> None:
    """A report or letter does not run programs, open other files or carry files inside it.
    PDF names may hide letters as #xx, so they are unescaped before looking."""
    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise _refuse("The PDF is incomplete: only part of it arrived, or it is damaged. "
                      "Try saving it again.", field)
    names = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                   b" ".join(re.findall(rb"/[^\s/<>\[\]()]+", data))).lower()
    found = {n.decode() for n in re.findall(rb"/[a-z]+", names)} & set(_PDF_RISKS)
    if found:
        raise _refuse("The PDF contains actions or files of its own (for example scripts), "
                      "which we do not keep. Print it to a new PDF and upload that.", field)


def _screen_docx(data: bytes, field: str) -> None:
    bad = _refuse("The file is not a Word document we can keep. Save it as a .docx or a PDF "
                  "and try again.", field)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise bad from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise bad
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _refuse("The Word document contains macros, which we do not keep. Save it as a "
                      "plain .docx (Word Document) or a PDF and try again.", field)
    if sum(i.file_size for i in infos) > _MAX_UNZIPPED:
        raise bad


def safe_name(filename: str | None, extension: str) -> str:
    """A download name with no path, no control or odd characters, and the extension of what
    the file really is."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFKC", stem)
    stem = re.sub(r"[^\w\- ()]+", "_", stem, flags=re.UNICODE).strip(" ._")[:100]
    return f"{stem or 'file'}.{extension}"


def describe(media_type: str) -> str:
    return KINDS.get(media_type, ("", "file"))[1]
