//! `make check-data`: parses and validates a data file and prints every problem at once.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "www/data/lifeline.json".to_string());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: cannot be read ({e})");
            std::process::exit(1);
        }
    };
    match lifeline::data::Dataset::from_json(&path, &text) {
        Ok(_) => println!("{path}: valid"),
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("{} problem(s) found", errors.len());
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
