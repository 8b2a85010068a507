"""The live workshop's web edge (``workshop serve``): phones answer, the facilitator projects.

Imported only by ``workshop serve``: every other command starts without the web stack.
"""
