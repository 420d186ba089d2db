"""The edges of a conversation: channels, edge guards, response filling, the tracker store."""
