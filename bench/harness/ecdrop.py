"""ecdrop's side of every benchmark: the daemon under test, fed and measured like the peers."""

import subprocess


class Side:
    """Everything needed to measure one ecdrop binary; `detect` answers None when the build
    cannot run the daemon yet."""

    def __init__(self, binary, root, log, version):
        self.binary = binary
        self.root = root
        self.log = log
        self.version = version
        self.notes = []
        self.profiles = {}

    @classmethod
    def detect(cls, binary, root, log):
        try:
            out = subprocess.run([binary, "run", "--check", "--config", "/nonexistent.yaml"],
                                 capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as problem:
            log(f"ecdrop: cannot start {binary}: {problem}")
            return None
        if "not available" in (out.stdout + out.stderr).lower():
            log("ecdrop: `ecdrop run` is not available in this build; measuring the peers only")
            return None
        log("ecdrop: the daemon's side is not wired into the harness yet; measuring peers only")
        return None

    def close(self):
        pass
