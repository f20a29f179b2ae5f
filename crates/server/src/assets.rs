//! The dashboard's static files, compiled into the binary so it works offline and from any
//! folder: its stylesheet and chart script, and uPlot (MIT, `assets/uPlot.LICENSE`).

use crate::state::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const FILES: [(&str, &str, &[u8]); 6] = [
    ("/assets/icon.svg", "image/svg+xml", include_bytes!("../assets/icon.svg")),
    ("/assets/dashboard.css", "text/css; charset=utf-8", include_bytes!("../assets/dashboard.css")),
    ("/assets/charts.js", "text/javascript; charset=utf-8", include_bytes!("../assets/charts.js")),
    ("/assets/uPlot.iife.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/uPlot.iife.min.js")),
    ("/assets/uPlot.min.css", "text/css; charset=utf-8", include_bytes!("../assets/uPlot.min.css")),
    ("/assets/uPlot.LICENSE", "text/plain; charset=utf-8", include_bytes!("../assets/uPlot.LICENSE")),
];

pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for (path, content_type, bytes) in FILES {
        router = router.route(
            path,
            get(move || async move {
                ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=3600")], bytes)
                    .into_response()
            }),
        );
    }
    router
}
