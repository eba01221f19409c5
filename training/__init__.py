"""Training the digit CNN: cnn.py is the script, restroke.py its round-pen redraws."""
