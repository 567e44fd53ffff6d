//! Downloads for the chart on screen: its data as CSV, and the chart as SVG drawn by the
//! same code as the canvas (through plotters' SVG backend), never a copy of the pixels.

use crate::charts::{self, Theme};
use crate::data::Dataset;
use crate::spec::Source;
use crate::view::View;
use plotters::prelude::*;

/// The source a chart's figures come from, for its caption and its downloads.
pub fn source_of(data: &Dataset, chart: &str) -> Source {
    data.chart(chart).map(|c| c.source.clone()).unwrap_or_default()
}

/// The figures behind a chart as CSV, with its source on every row; `None` for the title card
/// or a chart whose data is broken.
pub fn csv(data: &Dataset, chart: &str) -> Option<String> {
    data.chart(chart).ok()?.csv(&data.words)
}

/// The chart for `view` as a standalone SVG document of `width` x `height` CSS pixels, for the
/// charts drawn ahead of time. (The browser's download draws through `web::Surface` instead,
/// so the chart code is compiled into the .wasm for one backend type only.)
pub fn svg(data: &Dataset, view: &View, width: u32, height: u32, theme: &Theme) -> String {
    let mut out = String::new();
    {
        let area = crate::text::Measured(SVGBackend::with_string(&mut out, (width.clamp(200, 4000), height.clamp(150, 4000)))).into_drawing_area();
        // Drawing into a String cannot fail for I/O reasons; a chart error leaves the background.
        let _ = charts::draw_view(&area, &data.cx(), data.scene(view), theme);
        let _ = area.present();
    }
    out
}
