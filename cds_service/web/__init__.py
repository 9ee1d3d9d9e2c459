"""The HTTP layer: blueprints and error handlers around the engine; it never decides clinical questions."""
