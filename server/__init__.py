"""famplan: the Family Preparedness Plan web app server."""
