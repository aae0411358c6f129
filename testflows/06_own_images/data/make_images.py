#!/usr/bin/python3
"""Builds the picture folders of testflow 06 from the npm package emoji-datasource-twitter.

How to run (from anywhere; needs python3 with its standard library only, and `npm` with access to the npm
registry):

    /usr/bin/python3 testflows/06_own_images/data/make_images.py

Offline, with tarballs fetched earlier by `npm pack emoji-datasource-twitter@16.0.0` and
`npm pack spdx-license-list@6.12.0`:

    /usr/bin/python3 testflows/06_own_images/data/make_images.py \
        --emoji-tgz emoji-datasource-twitter-16.0.0.tgz --spdx-tgz spdx-license-list-6.12.0.tgz

What it does (every run gives byte-identical output):

1. `npm pack` the two pinned packages into a temporary folder and checks each tarball against the sha512
   integrity the npm registry publishes for that version (pinned below; a mismatch stops the script):
   - emoji-datasource-twitter 16.0.0: the Twemoji graphics (jdecked/twemoji v16.0.1, CC-BY 4.0) as 64x64 PNGs
     in img/twitter/64/, and emoji.json giving each emoji's category and subcategory (package licence MIT);
   - spdx-license-list 6.12.0 (CC0-1.0): only for the full legal text of CC-BY 4.0 (licenses/CC-BY-4.0.json).
2. Takes the emoji of emoji.json that have a Twitter image (has_img_twitter) and puts each into at most one
   label by this fixed rule (skin-tone variants are never used, only each emoji's base image):
       faces     category "Smileys & Emotion", subcategory starting with "face-", but not "face-costume"
                 (clown, ghost, alien, robot... are not faces in the sense of the other pictures)
       animals   category "Animals & Nature",  subcategory starting with "animal-"
       food      category "Food & Drink",      subcategory starting with "food-"  (not drinks, not dishware)
       transport category "Travel & Places",   subcategory starting with "transport-" (vehicles, and a few
                 signs and things of traffic such as traffic_light or anchor)
       flags     category "Flags",             subcategory "country-flag"
   Each label's emoji are sorted by emoji.json's sort_order (Unicode's emoji order); a label with more than
   MAX_PER_LABEL (80) is thinned to 80 evenly spaced ones: the i-th kept is number i*n//80 (i = 0..79) of the n.
3. Copies each kept PNG unchanged (byte-identical) to images/<label>/<short_name>.png, short_name being the
   emoji's short name in emoji.json (e.g. grinning.png, flag-at.png; a few flags are named by their country
   code alone, e.g. cn.png). The script stops if a name is not [a-z0-9_-]+ or not unique in its label.
   images/ is emptied first.
4. Writes images/unreadable/ (three files our image reader must skip with a warning, so the folder gives no
   rows and no label):
       empty.png  zero bytes
       notes.png  a short UTF-8 text, not an image
       cut.png    the first half (len // 2 bytes) of images/faces/grinning.png: a truncated PNG
5. Writes LICENSE-images.txt (source, licence, attribution, the full CC-BY 4.0 text, the MIT licence of
   emoji-datasource) and images-manifest.tsv (label, file, emoji name, code points, path in the package, sha256).
"""

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

EMOJI_PACKAGE = "emoji-datasource-twitter"
EMOJI_VERSION = "16.0.0"
EMOJI_INTEGRITY = "sha512-7F+uCuHH+7Qnrc15P5tnbvKkg9E6tlzi4MnT2uW1RlN4pLYTza6cP/dstIfSDMtpjFLWuZewWg8jBbuL2eyELQ=="
SPDX_PACKAGE = "spdx-license-list"
SPDX_VERSION = "6.12.0"
SPDX_INTEGRITY = "sha512-+nUYqm3aZMSHbjsthK+i/HHI2okTElCvqwUd4k8QcSk+FTGgjq+fsdFj2wZOaX6XmR2JdWhf/NeflNnvKOjcnQ=="

IMAGE_DIR = "package/img/twitter/64/"
MAX_PER_LABEL = 80
# label -> (category, rule on the subcategory)
LABELS = [
    ("faces", "Smileys & Emotion", lambda sub: sub.startswith("face-") and sub != "face-costume"),
    ("animals", "Animals & Nature", lambda sub: sub.startswith("animal-")),
    ("food", "Food & Drink", lambda sub: sub.startswith("food-")),
    ("transport", "Travel & Places", lambda sub: sub.startswith("transport-")),
    ("flags", "Flags", lambda sub: sub == "country-flag"),
]
CUT_SOURCE = ("faces", "grinning.png")
NOTES_TEXT = ("These are notes, not a picture — this file only pretends to be a PNG.\n"
              "Der Bildleser soll sie mit einer Warnung überspringen.\n")

HERE = os.path.dirname(os.path.abspath(__file__))


def npm_pack(spec, dest):
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", dest], cwd=dest,
                         check=True, stdout=subprocess.PIPE).stdout
    return os.path.join(dest, json.loads(out)[0]["filename"])


def check_integrity(path, integrity):
    algo, expected = integrity.split("-", 1)
    with open(path, "rb") as f:
        got = base64.b64encode(hashlib.new(algo, f.read()).digest()).decode("ascii")
    if got != expected:
        sys.exit(f"{path}: {algo} {got} is not the pinned {expected}")


def read_members(tgz, wanted):
    """Reads the tarball once; returns {member name: bytes} for the names wanted(name) accepts."""
    result = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar:
            if member.isfile() and wanted(member.name):
                result[member.name] = tar.extractfile(member).read()
    return result


def select(emoji):
    chosen = {}
    for label, category, rule in LABELS:
        items = sorted((e for e in emoji
                        if e.get("has_img_twitter") and e["category"] == category and rule(e["subcategory"])),
                       key=lambda e: e["sort_order"])
        n = len(items)
        if n > MAX_PER_LABEL:
            items = [items[i * n // MAX_PER_LABEL] for i in range(MAX_PER_LABEL)]
        chosen[label] = items
    return chosen


def reset_dir(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emoji-tgz", help=f"a local {EMOJI_PACKAGE}-{EMOJI_VERSION}.tgz instead of npm pack")
    parser.add_argument("--spdx-tgz", help=f"a local {SPDX_PACKAGE}-{SPDX_VERSION}.tgz instead of npm pack")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vae-images-") as tmp:
        emoji_tgz = args.emoji_tgz or npm_pack(f"{EMOJI_PACKAGE}@{EMOJI_VERSION}", tmp)
        spdx_tgz = args.spdx_tgz or npm_pack(f"{SPDX_PACKAGE}@{SPDX_VERSION}", tmp)
        check_integrity(emoji_tgz, EMOJI_INTEGRITY)
        check_integrity(spdx_tgz, SPDX_INTEGRITY)
        files = read_members(emoji_tgz, lambda name: name.startswith(IMAGE_DIR) or name in (
            "package/emoji.json", "package/LICENSE", "package/package.json"))
        cc_by = json.loads(read_members(spdx_tgz, lambda name: name == "package/licenses/CC-BY-4.0.json")
                           ["package/licenses/CC-BY-4.0.json"])["licenseText"]

    meta = json.loads(files["package/package.json"])
    if (meta["name"], meta["version"]) != (EMOJI_PACKAGE, EMOJI_VERSION):
        sys.exit(f"unexpected package {meta['name']} {meta['version']}")
    chosen = select(json.loads(files["package/emoji.json"]))

    images_dir = os.path.join(HERE, "images")
    bad_dir = os.path.join(HERE, "images", "unreadable")
    reset_dir(images_dir)
    reset_dir(bad_dir)
    manifest = ["label\tfile\tname\tunified\tpackage_path\tsha256"]
    for label, items in chosen.items():
        os.makedirs(os.path.join(images_dir, label))
        seen = set()
        for e in items:
            short = e["short_name"]
            if not re.fullmatch(r"[a-z0-9_-]+", short) or short in seen:
                sys.exit(f"short name {short!r} is not a safe, unique file name")
            seen.add(short)
            source = IMAGE_DIR + e["image"]
            data = files[source]
            if data[:8] != b"\x89PNG\r\n\x1a\n":
                sys.exit(f"{source} is not a PNG")
            target = f"{short}.png"
            with open(os.path.join(images_dir, label, target), "wb") as f:
                f.write(data)
            manifest.append("\t".join([label, f"images/{label}/{target}", e["name"], e["unified"],
                                       source[len("package/"):], hashlib.sha256(data).hexdigest()]))
    with open(os.path.join(HERE, "images-manifest.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(manifest) + "\n")

    with open(os.path.join(images_dir, *CUT_SOURCE), "rb") as f:
        whole = f.read()
    with open(os.path.join(bad_dir, "empty.png"), "wb"):
        pass
    with open(os.path.join(bad_dir, "notes.png"), "w", encoding="utf-8", newline="\n") as f:
        f.write(NOTES_TEXT)
    with open(os.path.join(bad_dir, "cut.png"), "wb") as f:
        f.write(whole[:len(whole) // 2])

    write_licence(chosen, files["package/LICENSE"].decode("utf-8"), cc_by, len(whole))
    for label, items in chosen.items():
        print(f"{label}: {len(items)}")


def write_licence(chosen, mit_text, cc_by_text, cut_of):
    counts = ", ".join(f"{label} {len(items)}" for label, items in chosen.items())
    total = sum(len(items) for items in chosen.values())
    text = f"""Pictures of testflow 06 (images/)
==================================================

Source
------
The {total} PNG files under images/<label>/ ({counts})
are Twemoji graphics, taken unchanged (byte for byte; only renamed to the emoji's short name) from the npm
package

    {EMOJI_PACKAGE} {EMOJI_VERSION}   (npm pack {EMOJI_PACKAGE}@{EMOJI_VERSION}; files img/twitter/64/*.png)
    integrity {EMOJI_INTEGRITY}

whose README says which Twemoji it ships ("Twitter | Twemoji (fork) https://github.com/jdecked/twemoji,
v16.0.1") and states their licence:

    "Twitter images are available under the Creative Commons Attribution 4.0 license
     (https://github.com/jdecked/twemoji/blob/v15.0.2/LICENSE-GRAPHICS)."

Labels come from the package's emoji.json (category and subcategory); make_images.py beside this file says
the exact rule and recreates everything here. images-manifest.tsv lists each file with its emoji's name,
code points, path in the package and SHA-256.

Licence and attribution
-----------------------
Twemoji graphics: Copyright Twitter, Inc and other contributors (Twemoji, https://github.com/twitter/twemoji,
continued at https://github.com/jdecked/twemoji). Graphics licensed under CC-BY 4.0:
https://creativecommons.org/licenses/by/4.0/ (full text below).

Changes: none to the pictures in images/ (renamed only). images/unreadable/cut.png is changed: it is the first half
({cut_of // 2} of {cut_of} bytes) of images/{'/'.join(CUT_SOURCE)} (Twemoji "grinning face", U+1F600), cut off
on purpose so that it is a broken PNG; it is under the same CC-BY 4.0 licence and attribution.

The other files of images/unreadable/ are written by make_images.py itself (no third-party content): empty.png (zero
bytes) and notes.png (a short UTF-8 text, not an image). Like cut.png they exist to show that the image reader
skips files it cannot read, with a warning.

emoji.json and the rest of {EMOJI_PACKAGE} (used only to choose and name the pictures; the names in
images-manifest.tsv come from it) are under the MIT licence of the emoji-data project, quoted at the end.

The CC-BY 4.0 text below is taken from the npm package {SPDX_PACKAGE} {SPDX_VERSION} (CC0-1.0),
licenses/CC-BY-4.0.json.

======================================================================
Creative Commons Attribution 4.0 International (CC-BY-4.0), full text
======================================================================

{cc_by_text.strip()}

======================================================================
MIT licence of {EMOJI_PACKAGE} (package/LICENSE)
======================================================================

{mit_text.strip()}
"""
    with open(os.path.join(HERE, "LICENSE-images.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
