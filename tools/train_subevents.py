"""Train the sub-event classifier and write it into the package.

    PYTHONPATH=src python tools/train_subevents.py [--ucdp ../shared/data/ucdp-ged/ged.csv.gz]

Reads src/sitrep/extract/training/*.yaml, trains with a fixed seed (the same data give the
same bytes) and writes src/sitrep/extract/models/subevents.npz; prints its size and SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from sitrep.extract.classifier import MODEL_PATH
from sitrep.extract.subevent_training import TRAINING_DIR, build_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=TRAINING_DIR, help="training YAML folder")
    parser.add_argument("--ucdp", type=Path, default=None, help="UCDP GED csv.gz (weak Attack)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    args = parser.parse_args()
    model = build_model(args.data, args.ucdp)
    model.save(args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(
        f"{args.out}: {args.out.stat().st_size:,} bytes, {len(model.rows):,} rows, sha256 {digest}"
    )


if __name__ == "__main__":
    main()
