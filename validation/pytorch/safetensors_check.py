#!/usr/bin/env python3
"""Checks `somnus export`'s safetensors files against the run's .npz files, reading them by the format's definition.

  /usr/bin/python3 safetensors_check.py RUN [RUN ...]

For each RUN, each of weights.safetensors and network.safetensors that is there is read with struct, json and
numpy.frombuffer alone (no safetensors package), as its README's "Format" defines it: 8 bytes, the header's length N
(little-endian u64); N bytes of UTF-8 JSON starting with '{', maybe padded with spaces; then the byte buffer, each
tensor's [BEGIN, END) counted from its start, little-endian, C order, the tensors covering it with no hole or overlap.
Every tensor must equal the array of the same name in np.load(RUN/weights.npz) (network.npz) bit for bit, with the
same dtype and shape, and the names must be the same. Where the `safetensors` package is installed, the file is also
opened with safetensors.numpy.load_file and compared the same way. Prints one line per tensor and a verdict per
file; exits 1 when a file differs or breaks the format, 2 when RUN has no safetensors file.
"""
import json
import os
import struct
import sys

import numpy as np

DTYPES = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "I64": "<i8"}


def read_safetensors(path):
    """(tensors by name in header order, metadata) of a .safetensors file, by the format's definition."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = data[8:8 + n].decode("utf-8")
    if not header.startswith("{"):
        raise ValueError("the header does not start with '{'")
    header = json.loads(header)  # the padding is spaces, which JSON allows after the object
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise ValueError("__metadata__ holds something other than strings")
    buffer = data[8 + n:]
    tensors = {}
    spans = []
    for name, info in header.items():
        dtype = np.dtype(DTYPES[info["dtype"]])
        begin, end = info["data_offsets"]
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * dtype.itemsize:
            raise ValueError(f"{name}: {end - begin} bytes for shape {info['shape']} of {info['dtype']}")
        spans.append((begin, end))
        tensors[name] = np.frombuffer(buffer, dtype=dtype, count=count, offset=begin).reshape(info["shape"])
    position = 0
    for begin, end in sorted(spans):
        if begin != position:
            raise ValueError(f"the buffer has a hole or overlap at byte {position}")
        position = end
    if position != len(buffer):
        raise ValueError(f"the tensors cover {position} of the buffer's {len(buffer)} bytes")
    return tensors, metadata


def same(a, b):
    """Equal dtype, shape and bytes (C order): NaN equals NaN, -0.0 differs from 0.0."""
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def compare(name, tensors, arrays):
    """Lines describing each tensor against the npz's array, and whether all agree."""
    ok = set(tensors) == set(arrays)
    lines = [] if ok else [f"  names differ: only in {name}: {sorted(set(tensors) - set(arrays))}, "
                           f"only in the npz: {sorted(set(arrays) - set(tensors))}"]
    for key in tensors:
        agree = key in arrays and same(tensors[key], arrays[key])
        ok &= agree
        lines.append(f"  {key} {list(tensors[key].shape)} {tensors[key].dtype}: "
                     + ("equal" if agree else "DIFFERS"))
    return lines, ok


def check(run, stem):
    """Checks RUN/<stem>.safetensors against RUN/<stem>.npz; None where there is no such file, else whether it agrees."""
    path = os.path.join(run, stem + ".safetensors")
    if not os.path.exists(path):
        return None
    with np.load(os.path.join(run, stem + ".npz")) as npz:
        arrays = {k: npz[k] for k in npz.files}
    try:
        tensors, metadata = read_safetensors(path)
    except (ValueError, KeyError) as e:
        print(f"{path}: breaks the format: {e}")
        return False
    print(f"{path}: {len(tensors)} tensors; metadata: {json.dumps(metadata, ensure_ascii=False)}")
    lines, ok = compare(path, tensors, arrays)
    print("\n".join(lines))
    try:
        from safetensors.numpy import load_file
    except ImportError:
        print("  (the safetensors package is not installed: read by the format's definition only)")
    else:
        loaded = load_file(path)
        _, agree = compare(path, loaded, arrays)
        print(f"  safetensors.numpy.load_file: {'the same arrays' if agree else 'DIFFERENT arrays'}")
        ok &= agree
    print(f"{path}: {'equal to' if ok else 'DIFFERS from'} {stem}.npz")
    return ok


def main(runs):
    if not runs:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    status = 0
    for run in runs:
        results = [r for r in (check(run, "weights"), check(run, "network")) if r is not None]
        if not results:
            print(f"{run}: no weights.safetensors nor network.safetensors (somnus export {run} writes it)",
                  file=sys.stderr)
            status = max(status, 2)
        elif not all(results):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
