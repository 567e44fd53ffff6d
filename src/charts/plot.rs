//! A plot over years across and values up: the rectangle inside the axes' labels, the mapping
//! from data to its pixels, and the year mesh (grid lines, axes, ticks, labels).
//!
//! Why not plotters' `ChartBuilder` and mesh: they are general (any coordinate type, four label
//! areas, rotated captions, light lines) and were about 15 KB of the reader's wasm, for three
//! charts that use one shape of it. This draws the same pixels with plotters' primitives: the
//! same layout (margins, then label areas, then the plot), the same mapping
//! (`RangedCoordf64::map`), the same key points (`Ranged::key_points`) and the same tick and
//! label offsets as plotters 0.3's mesh.

use super::kit::{path, put, Ink};
use super::{Area, Res};
use crate::locale::fixed;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A plot in an area: its data ranges and its pixels, in the area's own coordinates.
pub(super) struct Plot {
    x: RangedCoordf64,
    y: RangedCoordf64,
    /// The plot's first and last pixel column.
    cols: (i32, i32),
    /// The plot's bottom and top pixel row (values rise upward).
    rows: (i32, i32),
    /// The area's corner in the backend's pixels, for [`Plot::at_abs`].
    origin: (i32, i32),
    /// The labels' room: below the plot (years) and left of it (values).
    x_label_h: i32,
    y_label_w: i32,
}

/// The room around a plot, in pixels: margins outside everything, then the label areas.
pub(super) struct Frame {
    pub top: i32,
    pub right: i32,
    pub left: i32,
    /// The years' labels, below the plot.
    pub x_label_h: i32,
    /// The values' labels, left of the plot.
    pub y_label_w: i32,
}

impl Plot {
    /// The plot of `x` by `y` in `area`, inside `frame`.
    pub(super) fn new<DB: DrawingBackend>(area: &Area<DB>, frame: Frame, x: (f64, f64), y: (f64, f64)) -> Plot {
        let (w, h) = area.dim_in_pixel();
        let (x0, x1) = (frame.left + frame.y_label_w, w as i32 - frame.right);
        let (y0, y1) = (frame.top, h as i32 - frame.x_label_h);
        Plot {
            x: (x.0..x.1).into(),
            y: (y.0..y.1).into(),
            // As plotters: the last pixel inside the plot, not the first outside it.
            cols: (x0, (x1 - 1).max(x0)),
            rows: ((y1 - 1).max(y0), y0),
            origin: area.get_base_pixel(),
            x_label_h: frame.x_label_h,
            y_label_w: frame.y_label_w,
        }
    }

    /// A point in data units as pixels of the area.
    pub(super) fn at(&self, x: f64, y: f64) -> (i32, i32) {
        (self.x.map(&x, self.cols), self.y.map(&y, self.rows))
    }

    /// A point in data units as the backend's pixels (where marks are kept for pointing at).
    pub(super) fn at_abs(&self, x: f64, y: f64) -> (i32, i32) {
        let (px, py) = self.at(x, y);
        (px + self.origin.0, py + self.origin.1)
    }

    /// The plot's top and bottom rows, in pixels of the area.
    pub(super) fn top_bottom(&self) -> (i32, i32) {
        (self.rows.1, self.rows.0)
    }

    /// The mesh every chart over years shares: whole years along the bottom (none before
    /// `from`: a year at the very edge of a narrow chart would run into the value axis's
    /// labels), `y_labels` horizontal grid lines at most, muted labels.
    pub(super) fn year_mesh<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        ink: &Ink,
        base: f64,
        (x_labels, from): (usize, f64),
        y_labels: usize,
        y_fmt: &dyn Fn(f64) -> String,
    ) -> Res {
        let t = ink.theme;
        let grid = ink.c(t.grid);
        let style = ink.muted(base * 0.85);
        let (left, right) = self.cols;
        let (bottom, top) = self.rows;
        // plotters' tick: 5% of the plot's smaller side, at most 5 pixels; labels twice that
        // away from the axis.
        let tick = ((0.05 * ((right - left + 1).min(bottom - top + 1)) as f64).round() as i32).min(5);
        let ys = self.y.key_points(y_labels);
        for v in &ys {
            let y = self.y.map(v, self.rows);
            path(area, vec![(left, y), (right, y)], grid.into())?;
        }
        // The value axis, its ticks and labels, in the room left of the plot.
        if self.y_label_w > 0 {
            path(area, vec![(left - 1, top), (left - 1, bottom)], grid.into())?;
            for v in &ys {
                let y = self.y.map(v, self.rows);
                put(area, &y_fmt(*v), (left - 2 * tick, y), &style, Pos::new(HPos::Right, VPos::Center))?;
                path(area, vec![(left - 1 - tick, y), (left - 1, y)], grid.into())?;
            }
        }
        // The year axis, its ticks and whole years' labels, in the room below.
        if self.x_label_h > 0 {
            path(area, vec![(left, bottom + 1), (right, bottom + 1)], grid.into())?;
            for v in self.x.key_points(x_labels) {
                let x = self.x.map(&v, self.cols);
                if (v - v.round()).abs() < 0.01 && v >= from {
                    put(area, &fixed(v, 0), (x, bottom + 1 + 2 * tick), &style, Pos::new(HPos::Center, VPos::Top))?;
                }
                path(area, vec![(x, bottom + 1), (x, bottom + 1 + tick)], grid.into())?;
            }
        }
        Ok(())
    }
}
