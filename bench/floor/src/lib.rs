//! The smallest honest use of the required crates: a data file read with serde-wasm-bindgen,
//! and one labelled bar chart with a title, axes and a legend drawn by plotters on a canvas.
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[derive(Deserialize)]
struct Series { name: String, colour: (u8, u8, u8), values: Vec<(i32, f64)> }

#[derive(Deserialize)]
struct Data { title: String, unit: String, series: Vec<Series> }

type Root = DrawingArea<CanvasBackend, plotters::coord::Shift>;

/// What every kind does first: the data read, the canvas cleared, the data's extent
/// (first and last year, largest value).
fn prepare(canvas: web_sys::HtmlCanvasElement, data: JsValue) -> Result<(Data, Root, (i32, i32, f64)), JsValue> {
    let d: Data = serde_wasm_bindgen::from_value(data)?;
    let root = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?.into_drawing_area();
    root.fill(&WHITE).map_err(js)?;
    let years = || d.series.iter().flat_map(|s| s.values.iter().map(|v| v.0));
    let extent = (years().min().unwrap_or(0), years().max().unwrap_or(1),
        d.series.iter().flat_map(|s| s.values.iter().map(|v| v.1)).fold(1.0, f64::max));
    Ok((d, root, extent))
}

/// Every kind's frame: its caption and margins, with room for the value axis's labels.
fn frame<'a>(root: &'a Root, title: &str, value_labels: u32) -> ChartBuilder<'a, 'a, CanvasBackend> {
    let mut b = ChartBuilder::on(root);
    b.caption(title, ("sans-serif", 20)).margin(10).x_label_area_size(30).y_label_area_size(value_labels);
    b
}

fn colour(s: &Series) -> RGBColor {
    RGBColor(s.colour.0, s.colour.1, s.colour.2)
}

/// A drawing error, for JavaScript.
fn js(e: impl ToString) -> JsValue {
    JsValue::from(e.to_string())
}

#[wasm_bindgen]
pub fn draw(canvas: web_sys::HtmlCanvasElement, data: JsValue) -> Result<(), JsValue> {
    let (d, root, (x0, x1, y1)) = prepare(canvas, data)?;
    let mut chart = frame(&root, &d.title, 50).build_cartesian_2d((x0..x1 + 1).into_segmented(), 0.0..y1 * 1.1).map_err(js)?;
    chart.configure_mesh().y_desc(&d.unit).draw().map_err(js)?;
    for s in &d.series {
        let c = colour(s);
        chart.draw_series(s.values.iter().map(|&(x, y)| {
            Rectangle::new([(SegmentValue::Exact(x), 0.0), (SegmentValue::Exact(x + 1), y)], c.filled())
        })).map_err(js)?
        .label(format!("{} ({:.1})", s.name, s.values.iter().map(|v| v.1).sum::<f64>()))
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], c.filled()));
    }
    chart.configure_series_labels().background_style(WHITE).draw().map_err(js)?;
    root.present().map_err(js)?;
    Ok(())
}

/// A second kind of chart (lines with points, a time axis), to price one more chart type:
/// `bash bench/floor.sh` builds the crate with and without it.
#[cfg(feature = "second-chart")]
#[wasm_bindgen]
pub fn draw_lines(canvas: web_sys::HtmlCanvasElement, data: JsValue) -> Result<(), JsValue> {
    let (d, root, (x0, x1, y1)) = prepare(canvas, data)?;
    let mut chart = frame(&root, &d.title, 50).build_cartesian_2d(x0..x1, 0.0..y1 * 1.1).map_err(js)?;
    chart.configure_mesh().y_desc(&d.unit).x_label_formatter(&|y| format!("{y}")).draw().map_err(js)?;
    for s in &d.series {
        let c = colour(s);
        chart.draw_series(std::iter::once(PathElement::new(s.values.clone(), c.stroke_width(2)))).map_err(js)?;
        chart.draw_series(s.values.iter().map(|&p| Circle::new(p, 3, c.filled()))).map_err(js)?
            .label(&s.name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 12, y)], c));
    }
    chart.configure_series_labels().background_style(WHITE).draw().map_err(js)?;
    root.present().map_err(js)?;
    Ok(())
}

/// A third kind (a dot plot: one row a series, its values as labelled dots), to see whether
/// each kind costs about the same.
#[cfg(feature = "third-chart")]
#[wasm_bindgen]
pub fn draw_dots(canvas: web_sys::HtmlCanvasElement, data: JsValue) -> Result<(), JsValue> {
    let (d, root, (_, _, x1)) = prepare(canvas, data)?;
    let rows = d.series.len() as f64;
    let mut chart = frame(&root, &d.title, 120).build_cartesian_2d(0.0..x1 * 1.1, -0.5..rows - 0.5).map_err(js)?;
    let names: Vec<&str> = d.series.iter().map(|s| s.name.as_str()).collect();
    chart.configure_mesh().x_desc(&d.unit).disable_y_mesh()
        .y_label_formatter(&|y| names.get(y.round() as usize).map(|n| n.to_string()).unwrap_or_default())
        .draw().map_err(js)?;
    for (row, s) in d.series.iter().enumerate() {
        let c = colour(s);
        chart.draw_series(s.values.iter().map(|&(year, v)| {
            EmptyElement::at((v, row as f64)) + Circle::new((0, 0), 4, c.filled())
                + Text::new(format!("{year}"), (6, -6), ("sans-serif", 11).into_font())
        })).map_err(js)?;
    }
    root.present().map_err(js)?;
    Ok(())
}
