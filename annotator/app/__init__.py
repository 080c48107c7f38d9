"""The use cases both faces call: import, propose, grade, link, claim ops, undo, export, team.

May import the store, export/ and the core; never the faces or Textual/click/rich.
"""
