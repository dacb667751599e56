"""The peer for `npm run bench:ingest`: the same basic job as `wtfc ingest`, in Python's standard
library. Reads a statements CSV with the csv module, tidies white space in the text, drops rows
that repeat an earlier (category, person, text), and writes the rest as CSV.

    python3 bench/ingest_peer.py IN.csv OUT.csv
"""
import csv
import re
import sys

SPACE = re.compile(r"\s+")


def main(source: str, target: str) -> None:
    seen = set()
    kept = dropped = 0
    with open(source, newline="", encoding="utf-8-sig") as f, open(target, "w", newline="", encoding="utf-8") as out:
        rows = csv.reader(f)
        header = next(rows)
        col = {h.strip().lower(): i for i, h in enumerate(header)}
        category, person, text = col["category"], col["person"], col["text"]
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            row[text] = SPACE.sub(" ", row[text]).strip()
            key = (row[category].strip().lower(), row[person].strip(), row[text])
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            writer.writerow(row)
            kept += 1
    print(f"kept {kept}, duplicates {dropped}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
