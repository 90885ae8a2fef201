# No models: the app needs a models module for Django to send it post_migrate (see apps.py).
