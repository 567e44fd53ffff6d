//! Lifeline: an engine for scroll-driven explainers. A story is an HTML page of steps and a
//! data file that declares its charts, claims and words (see `docs/writing-a-story.md`).
//!
//! The modules stand in one order, lowest first, each using only the modules before it
//! (`tests/layers.rs` reads every `crate::` path to hold it so; docs/architecture.md draws the
//! layers). They are declared below in that order:
//! 1. base: [`map`], [`text`], [`words`], [`msg`], [`locale`], [`spec`], [`check`];
//! 2. view: [`view`], a chart state and the moves between states, with no data file;
//! 3. charts: [`charts`], each type's data, checks, description, table and drawing, and
//!    [`drawn`], a story compiled for drawing (what the reader's browser reads);
//! 4. model: [`data`], the data file read, checked and put in the reader's language;
//! 5. what the page says, built on the model: [`figures`], [`access`], [`story`], [`events`],
//!    and [`compile`], the model and the steps made into a [`drawn::Drawn`];
//! 6. lint: [`lint`], the build's own checks (native only);
//! 7. shells, which wire the layers to files, canvases, scroll and animation frames:
//!    [`export`] (downloads, in both builds), [`prerender`] and [`share`] (native), `canvas`
//!    and `web` (the browser).

// No function over 80 lines (clippy.toml); a chart type's drawing reads layout, marks and
// annotations over the drawing kit (charts/kit.rs) in well under that.
#![warn(clippy::too_many_lines)]

pub mod map;
pub mod text;
pub mod wire;
pub mod words;
pub mod msg;
pub mod locale;
pub mod spec;
pub mod check;

pub mod view;

pub mod charts;
pub mod drawn;

pub mod data;

pub mod figures;
pub mod access;
pub mod story;
#[cfg(not(target_arch = "wasm32"))]
pub mod events;
pub mod compile;

#[cfg(not(target_arch = "wasm32"))]
pub mod labels;
#[cfg(not(target_arch = "wasm32"))]
pub mod lint;

pub mod export;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
#[cfg(not(target_arch = "wasm32"))]
pub mod share;
#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// Talc in place of Rust's default dlmalloc: the same job in fewer bytes of .wasm (see the
/// docs/performance.md); `make bench` checks that memory stays flat over repeated scrolls.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
