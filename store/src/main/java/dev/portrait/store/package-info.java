/**
 * Persistent state behind storage interfaces: the embedded SQLite store or PostgreSQL ({@link dev.portrait.store.Stores#open}),
 * the same SQL and Flyway-managed schema versions on both.
 */
package dev.portrait.store;
