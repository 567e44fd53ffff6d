//! Lifeline: an engine for scroll-driven explainers. A story is an HTML page of steps and a
//! data file that declares its charts, claims and words (see `docs/writing-a-story.md`).
//!
//! The core ([`data`], [`story`], [`charts`]) is plain Rust with no browser types and is
//! tested natively; [`web`] is the thin browser shell that wires it to a canvas, the
//! reader's scroll, resizes and animation frames.

// No function over 80 lines (clippy.toml): the few that are still longer say so where they
// stand, until issue 30's drawing kit and layers split them.
#![warn(clippy::too_many_lines)]

pub mod access;
pub mod charts;
pub mod data;
#[cfg(not(target_arch = "wasm32"))]
pub mod events;
pub mod export;
pub mod figures;
pub mod map;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
#[cfg(not(target_arch = "wasm32"))]
pub mod share;
pub mod story;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// Talc in place of Rust's default dlmalloc: the same job in fewer bytes of .wasm (see the
/// docs/performance.md); `make bench` checks that memory stays flat over repeated scrolls.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
