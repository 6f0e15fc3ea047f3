"""TM Forum representations of Azultel's records, one module per API."""
