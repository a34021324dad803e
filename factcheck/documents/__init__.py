"""Documents: bringing articles in and showing them."""
