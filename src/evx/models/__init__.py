"""Learned weights shipped with evx, and the one format they are stored in (:mod:`.linear`)."""
