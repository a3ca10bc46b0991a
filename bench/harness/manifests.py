"""Packer manifest documents of about 1 KiB, each one a distinct build run."""

import json
import uuid


def packer_manifest(index, tag="bench"):
    """(run uuid, document bytes) for build number `index`."""
    run = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecdrop-bench/{tag}/{index}"))
    build = {
        "name": "win11-golden",
        "builder_type": "qemu",
        "build_time": 1767225600 + index,
        "files": [{"name": f"output/win11-golden-{index}.vhd", "size": 42949672960}],
        "artifact_id": f"win11-golden-{index}",
        "packer_run_uuid": run,
        "custom_data": {
            "oss_object_path": f"https://builds.oss-cn-hangzhou.aliyuncs.com/win11/{run}.vhd",
            "channel": "nightly",
            "os_version": "Windows 11 23H2",
            "team": "desktop-platform",
        },
    }
    document = {"builds": [build], "last_run_uuid": run}
    text = json.dumps(document, indent=2)
    # Pad the custom data so every document is close to 1 KiB, like the load.
    padding = max(0, 1024 - len(text) - 20)
    build["custom_data"]["notes"] = "x" * padding
    return run, json.dumps(document, indent=2).encode()
