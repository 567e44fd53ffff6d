//! A title card: the story's headline, a line under it and the byline, with no data.

use super::kit::{base_size, text_block, Ink};
use super::{Area, ChartType, Checker, Cx, Res};
use crate::view::View;
use plotters::prelude::*;

/// The words of a title card.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleCard {
    pub headline: String,
    pub dek: String,
    pub byline: String,
}

impl ChartType for TitleCard {
    const FRAMED: bool = false;

    fn series(&self) -> Vec<String> {
        vec![]
    }

    fn describe(&self, cx: &Cx, _v: &View, _chosen: &[String]) -> String {
        cx.words.fill(
            &format!("describe.{}", cx.id),
            &[("headline", cx.words.name(&self.headline)), ("dek", cx.words.name(&self.dek)), ("byline", cx.words.name(&self.byline))],
        )
    }

    fn table(&self, _cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        (vec![], vec![])
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (vec![], vec![])
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.text(&format!("{at}.headline"), &self.headline);
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, _v: &View, ink: &Ink) -> Res {
        let (w, h) = area.dim_in_pixel();
        let t = ink.theme;
        let base = base_size(t, w);
        let pad = t.px(20.0);
        let max_w = w.saturating_sub(2 * pad as u32);
        let mut y = (h as f64 * 0.3) as i32;
        y = text_block(area, ink.words.name(&self.headline), &ink.text(base * 1.9, true), pad, y, max_w, 1.2)?;
        y = text_block(area, ink.words.name(&self.dek), &ink.text(base * 1.1, false), pad, y + t.px(10.0), max_w, 1.35)?;
        text_block(area, ink.words.name(&self.byline), &ink.muted(base), pad, y + t.px(10.0), max_w, 1.3)?;
        Ok(())
    }
}
