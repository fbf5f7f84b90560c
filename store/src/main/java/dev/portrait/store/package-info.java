/** Persistent state: the embedded SQLite store (Flyway-managed) behind storage interfaces. */
package dev.portrait.store;
