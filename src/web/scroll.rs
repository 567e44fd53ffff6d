//! Where the reader is: the trigger line, the observers that notice a step crossing it, the
//! active step read from the layout, and the canvas's size.

use super::frames::request_frame;
use super::{Anim, Shared, Shell};
use crate::locale::fixed;
use crate::view::{Layer, Transition};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverInit, ResizeObserver};
/// `ResizeObserver.observe(target, options)`, its exception returned: web-sys's binding does
/// not catch, and a TypeError thrown through the wasm would leave the explainer half built.
pub(super) fn observe_boxed(ro: &ResizeObserver, target: &Element, options: &web_sys::ResizeObserverOptions) -> Result<JsValue, JsValue> {
    let observe: js_sys::Function = js_sys::Reflect::get(ro, &JsValue::from_str("observe"))?.dyn_into()?;
    observe.call2(ro, target, options)
}

/// The trigger line, in this document's viewport coordinates (CSS pixels from the top): in
/// an iframe sized to its content, within the host's viewport as relayed (the helper leaves
/// out the host's fixed header, so it is already offset); otherwise within this window's,
/// below the fixed header the page or host names (`data-offset`).
pub(super) fn trigger_line(s: &Shell) -> f64 {
    match s.relayed {
        Some((top, height)) => top + height * crate::story::TRIGGER,
        None => {
            let vh = s.window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            // Whole pixels: parsing a float would bring the .wasm its decimal tables (12 KB).
            let offset = s.root.get_attribute("data-offset").and_then(|o| o.trim().parse::<u32>().ok()).unwrap_or(0) as f64;
            // A header over half the viewport would leave no room to read: it is not honoured.
            let offset = offset.max(0.0).min(vh * 0.5);
            offset + (vh - offset) * crate::story::TRIGGER
        }
    }
}

/// (Re)builds the observers of the trigger line when it has moved. The steps' observer watches
/// a band of zero height at the line. A jump over the whole story (Home from its end, a link
/// back to the top) moves the line from below the last step to above the first with no step
/// crossing it, so that observer stays silent: two observers of the story itself catch that,
/// one for the part of the viewport above the line, one for the whole viewport (when the story
/// is off screen in one of the two places).
pub(super) fn observe_line(shared: &Shared) {
    let mut s = shared.borrow_mut();
    let vh = s.window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let line = trigger_line(&s);
    if s.relayed.is_some() || (s.observed_line.0 - line).abs() < 0.5 && (s.observed_line.1 - vh).abs() < 0.5 {
        return;
    }
    let Some(f) = s.on_intersect.clone() else { return };
    for o in s.observers.drain(..) {
        o.disconnect();
    }
    let below = (vh - line).max(0.0);
    let make = |margin: Option<String>| -> Option<IntersectionObserver> {
        match margin {
            Some(m) => {
                let opts = IntersectionObserverInit::new();
                opts.set_root_margin(&m);
                IntersectionObserver::new_with_options(&f, &opts).ok()
            }
            None => IntersectionObserver::new(&f).ok(),
        }
    };
    let steps = make(Some(format!("-{}px 0px -{}px 0px", fixed(line, 0), fixed(below, 0))));
    let above = make(Some(format!("0px 0px -{}px 0px", fixed(below, 0))));
    let whole = make(None);
    if let Some(o) = &steps {
        for st in &s.steps {
            o.observe(&st.el);
        }
    }
    for o in [&above, &whole].into_iter().flatten() {
        o.observe(&s.root);
    }
    s.observers = [steps, above, whole].into_iter().flatten().collect();
    s.observed_line = (line, vh);
}

/// Which step the reader is at: the last whose top has passed the trigger line.
fn active_from_layout(s: &Shell) -> usize {
    let line = trigger_line(s);
    let mut active = 0;
    for (i, st) in s.steps.iter().enumerate() {
        let r = st.el.get_bounding_client_rect();
        if r.height() > 0.0 && r.top() <= line {
            active = i;
        }
    }
    active
}

pub(super) fn follow_scroll(shared: &Shared) {
    let mut s = shared.borrow_mut();
    let i = active_from_layout(&s);
    if s.active == Some(i) {
        return;
    }
    let first = s.active.is_none();
    let before = s.active;
    if let Some(prev) = s.active {
        let _ = s.steps[prev].el.class_list().remove_1("is-active");
    }
    let _ = s.steps[i].el.class_list().add_1("is-active");
    s.active = Some(i);
    let _ = s.root.set_attribute("data-lifeline-step", &i.to_string());
    let target = s.steps[i].view.clone();
    let said = (!first).then(|| s.story.announcement(before, i));
    s.describe(i, said);
    let reduced = s.setting("data-motion", "reduce", "(prefers-reduced-motion: reduce)");
    if first || reduced {
        s.anim = None;
        s.shown = target;
    } else {
        let from = match &s.anim {
            Some(a) => a.transition.settle_point(a.last_t),
            None => s.shown.clone(),
        };
        s.shown = target.clone();
        s.anim = Some(Anim { transition: Transition { from, to: target }, start: None, last_t: 0.0 });
    }
    // "still" again once the next frame has drawn the target (see `on_frame`).
    let _ = s.root.set_attribute("data-lifeline-state", "moving");
    drop(s);
    request_frame(shared);
}

/// Matches the canvas's backing store to its CSS size times the device pixel ratio, then redraws.
pub(super) fn resize(shared: &Shared) {
    observe_line(shared);
    follow_scroll(shared);
    let mut s = shared.borrow_mut();
    let rect = s.canvas.get_bounding_client_rect();
    let dpr = s.window.device_pixel_ratio();
    let dpr = if dpr.is_finite() && dpr > 0.0 { dpr.min(4.0) } else { 1.0 };
    let (w, h) = ((rect.width() * dpr).round() as u32, (rect.height() * dpr).round() as u32);
    if w == s.canvas.width() && h == s.canvas.height() && dpr == s.scale {
        return;
    }
    s.scale = dpr;
    crate::canvas::forget_measures();
    s.canvas.set_width(w);
    s.canvas.set_height(h);
    // Resizing clears the canvas: redraw now, in this task, so no blank frame shows.
    let layers = match &s.anim {
        Some(a) => a.transition.frame(a.last_t),
        None => vec![Layer { view: s.shown.clone(), opacity: 1.0 }],
    };
    s.draw(&layers);
    if s.anim.is_none() {
        // A frame requested for this view (the first one, at start) would draw it once more.
        if let Some(id) = s.raf.take() {
            let _ = s.window.cancel_animation_frame(id);
        }
        let _ = s.root.set_attribute("data-lifeline-state", "still");
    }
}
