/*
 * Push and notification clicks inside the service worker (/sw.js imports this file).
 * Owned by the push reminders; empty until they land, so the worker installs either way.
 */
