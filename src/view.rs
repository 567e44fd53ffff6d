//! A chart state and the moves between them: plain values, with no data file in sight.
//!
//! A [`View`] is what one step asks of its chart (which chart, what is emphasised, dimmed,
//! windowed, annotated); a [`Transition`] interpolates two of them into the [`Layer`]s of each
//! animation frame. The story (crate::story) makes views from a page's steps; the charts
//! (crate::charts) draw them.

/// One chart state: everything the drawing code needs besides the data and the theme.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The id of the chart shown.
    pub chart: String,
    /// Per series (in the chart's series order): 1 drawn in full colour, 0 muted.
    pub emphasis: Vec<f64>,
    /// 0 normal, 1 faded behind text that has no chart of its own.
    pub dim: f64,
    /// How far the marks have grown in, 0 to 1 (bars rise, lines extend).
    pub grow: f64,
    /// The span of the time axis shown; `None` for charts without one.
    pub window: Option<[f64; 2]>,
    /// Annotations drawn.
    pub annotate: Vec<String>,
}

impl View {
    /// The emphasised series' names.
    pub fn emphasised<'a>(&self, names: &'a [String]) -> Vec<&'a str> {
        names.iter().zip(&self.emphasis).filter(|(_, e)| **e >= 0.5).map(|(n, _)| n.as_str()).collect()
    }

    fn lerp(&self, to: &View, t: f64) -> View {
        let mix = |a: f64, b: f64| a + (b - a) * t;
        View {
            chart: to.chart.clone(),
            emphasis: to.emphasis.iter().enumerate().map(|(i, b)| mix(self.emphasis.get(i).copied().unwrap_or(*b), *b)).collect(),
            dim: mix(self.dim, to.dim),
            grow: mix(self.grow, to.grow),
            window: match (self.window, to.window) {
                (Some(a), Some(b)) => Some([mix(a[0], b[0]), mix(a[1], b[1])]),
                (_, b) => b,
            },
            annotate: if t >= 0.5 { to.annotate.clone() } else { self.annotate.clone() },
        }
    }
}

/// A view drawn at some opacity (0 invisible, 1 solid): a frame is one or two layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub view: View,
    pub opacity: f64,
}

/// The move from one view to another.
///
/// Within one chart the values glide (emphasis, dimming); between two charts the old one fades
/// out while the new one fades in and grows, overlapping in the middle so there is no blank frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub from: View,
    pub to: View,
}

/// Ease out (cubic): fast at once and gentle at the end, so the chart answers a step in its
/// first frame (an ease-in-out curve moved it by less than a pixel for two or three frames).
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    1.0 - (1.0 - t).powi(3)
}

impl Transition {
    /// The layers to draw at progress `t` (0 to 1; values outside are clamped).
    pub fn frame(&self, t: f64) -> Vec<Layer> {
        let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 1.0 };
        if self.from.chart == self.to.chart {
            return vec![Layer { view: self.from.lerp(&self.to, ease(t)), opacity: 1.0 }];
        }
        // Out over [0, 0.55], in over [0.45, 1].
        let out = 1.0 - ease(t / 0.55);
        let inn = ease((t - 0.45) / 0.55);
        let mut layers = Vec::new();
        if out > 0.0 {
            layers.push(Layer { view: self.from.clone(), opacity: out });
        }
        if inn > 0.0 {
            layers.push(Layer { view: View { grow: inn, ..self.to.clone() }, opacity: inn });
        }
        layers
    }

    /// The single view that best stands for the frame at `t`: where a transition starts
    /// when the reader moves on before the last one finished.
    pub fn settle_point(&self, t: f64) -> View {
        let layers = self.frame(t);
        layers
            .into_iter()
            .max_by(|a, b| a.opacity.total_cmp(&b.opacity))
            .map(|l| View { grow: if l.view.chart == self.to.chart { l.view.grow } else { 1.0 }, ..l.view })
            .unwrap_or_else(|| self.to.clone())
    }
}
