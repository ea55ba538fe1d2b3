//! Log lines on stderr: plain text for people and cron, JSON lines for schedulers.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

static LEVEL: AtomicU8 = AtomicU8::new(2);
static FORMAT: OnceLock<LogFormat> = OnceLock::new();

/// 0 errors only, 1 warnings, 2 info (default), 3 debug.
pub fn init(level: u8, format: LogFormat) {
    LEVEL.store(level, Ordering::Relaxed);
    let _ = FORMAT.set(format);
}

fn emit(level: u8, name: &str, message: &str, fields: &[(&str, serde_json::Value)]) {
    if level > LEVEL.load(Ordering::Relaxed) {
        return;
    }
    match FORMAT.get().copied().unwrap_or_default() {
        LogFormat::Text => {
            let extra: String = fields.iter().map(|(k, v)| format!(" {k}={v}")).collect();
            eprintln!("relations-export: {name}: {message}{extra}");
        }
        LogFormat::Json => {
            let mut obj = serde_json::Map::new();
            obj.insert("ts".into(), chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into());
            obj.insert("level".into(), name.into());
            obj.insert("msg".into(), message.into());
            for (k, v) in fields {
                obj.insert((*k).into(), v.clone());
            }
            eprintln!("{}", serde_json::Value::Object(obj));
        }
    }
}

pub fn error(message: &str) {
    emit(0, "error", message, &[]);
}
pub fn warn(message: &str) {
    emit(1, "warn", message, &[]);
}
pub fn info(message: &str, fields: &[(&str, serde_json::Value)]) {
    emit(2, "info", message, fields);
}
pub fn debug(message: &str) {
    emit(3, "debug", message, &[]);
}

pub fn level() -> u8 {
    LEVEL.load(Ordering::Relaxed)
}
