"""The application server's configuration (gunicorn.conf.py)."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_workers_freeze_the_loaded_application_out_of_the_garbage_collector():
    config = runpy.run_path(str(CONFIG))
    gc.unfreeze()
    try:
        config["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
