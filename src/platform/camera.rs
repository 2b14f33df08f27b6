//! The camera, for scanning ticket QR codes: `getUserMedia` with the rear camera, frames
//! grabbed through a canvas, decoded by the browser's `BarcodeDetector` where it exists
//! and by the WebAssembly decoder (`domain::shared::qr_read`) otherwise.

use std::cell::RefCell;

use crate::domain::shared::qr_read::QrReader;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// Why the camera could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CameraError {
    #[error("camera permission was denied")]
    Denied,
    #[error("no camera was found")]
    NoCamera,
    #[error("this browser cannot use the camera here")]
    Unsupported,
    #[error("camera error: {0}")]
    Other(String),
}

fn classify(e: &JsValue) -> CameraError {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => CameraError::Denied,
        "NotFoundError" | "OverconstrainedError" => CameraError::NoCamera,
        "" => CameraError::Other(e.as_string().unwrap_or_else(|| "unknown".into())),
        other => CameraError::Other(other.to_string()),
    }
}

/// Start the rear camera and show it in `video`.
pub async fn start(video: &HtmlVideoElement) -> Result<MediaStream, CameraError> {
    let devices = web_sys::window()
        .ok_or(CameraError::Unsupported)?
        .navigator()
        .media_devices()
        .map_err(|_| CameraError::Unsupported)?;
    let constraints = MediaStreamConstraints::new();
    let video_c = js_sys::Object::new();
    let facing = js_sys::Object::new();
    js_sys::Reflect::set(&facing, &"ideal".into(), &"environment".into())
        .map_err(|e| classify(&e))?;
    js_sys::Reflect::set(&video_c, &"facingMode".into(), &facing).map_err(|e| classify(&e))?;
    constraints.set_video(&video_c);
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|e| classify(&e))?;
    let stream: MediaStream = JsFuture::from(promise)
        .await
        .map_err(|e| classify(&e))?
        .dyn_into()
        .map_err(|_| CameraError::Unsupported)?;
    video.set_src_object(Some(&stream));
    video.set_muted(true);
    let _ = video.set_attribute("playsinline", "");
    if let Ok(p) = video.play() {
        let _ = JsFuture::from(p).await;
    }
    Ok(stream)
}

/// Stop every track of `stream` (turns the camera light off).
pub fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(t) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            t.stop();
        }
    }
}

/// Decode with the browser's BarcodeDetector. `None` if the browser has none.
pub async fn detect_native(video: &HtmlVideoElement) -> Option<Vec<String>> {
    let window = web_sys::window()?;
    let ctor = js_sys::Reflect::get(&window, &"BarcodeDetector".into()).ok()?;
    let ctor: js_sys::Function = ctor.dyn_into().ok()?;
    let opts = js_sys::Object::new();
    let formats = js_sys::Array::of1(&"qr_code".into());
    js_sys::Reflect::set(&opts, &"formats".into(), &formats).ok()?;
    let detector = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&opts)).ok()?;
    let detect: js_sys::Function = js_sys::Reflect::get(&detector, &"detect".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = detect.call1(&detector, video).ok()?.dyn_into().ok()?;
    let found: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    Some(
        found
            .iter()
            .filter_map(|b| {
                js_sys::Reflect::get(&b, &"rawValue".into())
                    .ok()?
                    .as_string()
            })
            .collect(),
    )
}

thread_local! {
    // The WebAssembly decoder, kept for the page's life: its buffers (a few MB for a 720p
    // frame) are reused from frame to frame instead of allocated ten times a second.
    static READER: RefCell<QrReader> = RefCell::new(QrReader::with_other_text(shift_jis_text));
}

/// A QR code's bytes that are not UTF-8, read as Shift_JIS (what many Japanese QR makers
/// write) by the browser's own WHATWG decoder (`new TextDecoder("shift_jis")`): no
/// encoding tables in the page's WebAssembly (encoding_rs's would add ~100 KB brotli).
/// Where the browser cannot, UTF-8 with U+FFFD.
pub fn shift_jis_text(bytes: &[u8]) -> String {
    let decoded = || -> Option<String> {
        let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"TextDecoder".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let decoder =
            js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&"shift_jis".into())).ok()?;
        let decode: js_sys::Function = js_sys::Reflect::get(&decoder, &"decode".into())
            .ok()?
            .dyn_into()
            .ok()?;
        decode
            .call1(&decoder, &js_sys::Uint8Array::from(bytes))
            .ok()?
            .as_string()
    };
    decoded().unwrap_or_else(|| crate::domain::shared::qr_read::lossy_utf8(bytes))
}

/// Read the QR codes in a `width`×`height` RGBA frame with the page's decoder (half size
/// first, full size if that finds nothing: `QrReader::read_rgba`).
fn read_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<String> {
    READER
        .try_with(|r| {
            r.try_borrow_mut()
                .map(|mut r| r.read_rgba(width as usize, height as usize, rgba))
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Grab the current frame of `video` through `canvas` and read it with the WebAssembly
/// decoder.
fn read_video_frame(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<Vec<String>> {
    let (w, h) = (video.video_width(), video.video_height());
    if w == 0 || h == 0 {
        return None;
    }
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_video_element(video, 0.0, 0.0)
        .ok()?;
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .ok()?;
    Some(read_rgba(w, h, &data.data().0))
}

/// Decode the current frame: the native detector first, the WebAssembly decoder otherwise.
pub async fn decode_frame(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Vec<String> {
    if let Some(found) = detect_native(video).await {
        if !found.is_empty() {
            return found;
        }
    }
    read_video_frame(video, canvas).unwrap_or_default()
}

/// Decode the QR codes in a photo the user took or picked (`<input type=file
/// accept="image/*" capture>`): drawn through `canvas`, read by the native detector where
/// it exists, else by the WebAssembly decoder. Empty when nothing was found.
pub async fn decode_image_file(
    file: &web_sys::File,
    canvas: &HtmlCanvasElement,
) -> Result<Vec<String>, CameraError> {
    let window = web_sys::window().ok_or(CameraError::Unsupported)?;
    let promise = window
        .create_image_bitmap_with_blob(file)
        .map_err(|e| classify(&e))?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|e| classify(&e))?
        .dyn_into()
        .map_err(|_| CameraError::Unsupported)?;
    let (w, h) = (bitmap.width(), bitmap.height());
    if w == 0 || h == 0 {
        return Ok(Vec::new());
    }
    // Phone photos are large; the decoder needs no more than ~1600 px on the long side.
    let scale = (1600.0 / f64::from(w.max(h))).min(1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // scaled down, positive
    let (cw, ch) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    canvas.set_width(cw);
    canvas.set_height(ch);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(CameraError::Unsupported)?;
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(cw), f64::from(ch))
        .map_err(|e| classify(&e))?;
    bitmap.close();
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(cw), f64::from(ch))
        .map_err(|e| classify(&e))?;
    Ok(read_rgba(cw, ch, &data.data().0))
}

/// Vibrate with `pattern` (on/off milliseconds) where the device can (`navigator.vibrate`); a no-op
/// elsewhere.
pub fn vibrate(pattern: &[u32]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let nav = window.navigator();
    let Ok(f) = js_sys::Reflect::get(&nav, &"vibrate".into()) else {
        return;
    };
    let Ok(f) = f.dyn_into::<js_sys::Function>() else {
        return;
    };
    let arr = js_sys::Array::new();
    for p in pattern {
        arr.push(&JsValue::from(*p));
    }
    let _ = f.call1(&nav, &arr);
}

/// Call `obj[name](...args)` if it is a function.
fn call(
    obj: &wasm_bindgen::JsValue,
    name: &str,
    args: &js_sys::Array,
) -> Option<wasm_bindgen::JsValue> {
    let f = js_sys::Reflect::get(obj, &name.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    js_sys::Reflect::apply(&f, obj, args).ok()
}

/// A short tone made on the device (Web Audio; no sound file is fetched): high for a ticket
/// accepted, low for a refusal. A no-op where there is no Web Audio.
pub fn beep(ok: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(ctor) = js_sys::Reflect::get(&window, &"AudioContext".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let Ok(ctx) = js_sys::Reflect::construct(&ctor, &js_sys::Array::new()) else {
        return;
    };
    let Some(osc) = call(&ctx, "createOscillator", &js_sys::Array::new()) else {
        return;
    };
    if let Ok(freq) = js_sys::Reflect::get(&osc, &"frequency".into()) {
        let _ = js_sys::Reflect::set(
            &freq,
            &"value".into(),
            &(if ok { 880.0 } else { 220.0 }).into(),
        );
    }
    if let Ok(dest) = js_sys::Reflect::get(&ctx, &"destination".into()) {
        let _ = call(&osc, "connect", &js_sys::Array::of1(&dest));
    }
    let now = js_sys::Reflect::get(&ctx, &"currentTime".into())
        .ok()
        .and_then(|t| t.as_f64())
        .unwrap_or(0.0);
    let _ = call(&osc, "start", &js_sys::Array::new());
    let length = if ok { 0.12 } else { 0.35 };
    let _ = call(&osc, "stop", &js_sys::Array::of1(&(now + length).into()));
}

/// The camera track of `stream`, if any.
fn video_track(stream: &MediaStream) -> Option<web_sys::MediaStreamTrack> {
    stream
        .get_video_tracks()
        .iter()
        .next()
        .and_then(|t| t.dyn_into::<web_sys::MediaStreamTrack>().ok())
}

/// Does the camera have a torch (flash light) the page may switch?
pub fn torch_supported(stream: &MediaStream) -> bool {
    let Some(track) = video_track(stream) else {
        return false;
    };
    call(&track, "getCapabilities", &js_sys::Array::new())
        .and_then(|caps| js_sys::Reflect::get(&caps, &"torch".into()).ok())
        .is_some_and(|t| !t.is_undefined() && !t.is_null())
}

/// Switch the torch on or off (where [`torch_supported`]).
pub fn set_torch(stream: &MediaStream, on: bool) {
    let Some(track) = video_track(stream) else {
        return;
    };
    let setting = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&setting, &"torch".into(), &on.into());
    let constraints = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &constraints,
        &"advanced".into(),
        &js_sys::Array::of1(&setting),
    );
    let _ = call(
        &track,
        "applyConstraints",
        &js_sys::Array::of1(&constraints),
    );
}
