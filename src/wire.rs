//! The compiled story's binary form (`*.drawn.bin`): how `make dist` writes a [`Drawn`] and the
//! reader's module reads it back.
//!
//! Why by hand: reading is most of what the reader's module does before its first chart, and
//! derived readers are large. serde through postcard took 14 KB (gzip) of an 95 KB wasm,
//! nanoserde's derive 11.6 KB: each field's read carries its own error value and checks. Here a
//! field's read is one call, and a [`Reader`] never fails midway: past the end it gives zeros and
//! empties, and remembers it, so [`Drawn::from_bytes`] checks once, at the end, that every
//! byte was read and none was missing.
//!
//! The form: numbers little-endian (`f64` in 8 bytes, `u16` in 2), lengths and indices as
//! LEB128, strings as their length and UTF-8 bytes, `Option` as a 0 or 1 byte before the value,
//! a list as its length before its items, a struct as its fields in the order [`wire!`] names
//! them, a chart's body as its type's name and its data. The list in crate::drawn names every
//! type and field: a field added to one of these structs and not there fails to compile (the
//! struct literal in `take` is incomplete), so the form cannot silently drop one. This module
//! names no other (it sits below them all); each type's form is written beside the story's.
//!
//! [`Drawn`]: crate::drawn::Drawn
//! [`Drawn::from_bytes`]: crate::drawn::Drawn::from_bytes

/// Reads the bytes of a compiled story, front to back.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Whether a read ran past the end or found what cannot be (bad UTF-8, an unknown kind).
    pub bad: bool,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0, bad: false }
    }

    /// Where the next read starts.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The next `n` bytes; past the end, none (and the reader is bad).
    #[inline(never)]
    pub fn take_bytes(&mut self, n: usize) -> &'a [u8] {
        match self.bytes.get(self.at..self.at.saturating_add(n)) {
            Some(b) => {
                self.at += n;
                b
            }
            None => {
                self.bad = true;
                self.at = self.bytes.len();
                &[]
            }
        }
    }

    /// A length or an index, LEB128.
    #[inline(never)]
    pub fn count(&mut self) -> usize {
        let (mut v, mut shift) = (0usize, 0);
        loop {
            let Some(&b) = self.take_bytes(1).first() else { return 0 };
            v |= usize::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if b & 0x80 == 0 || shift > 63 {
                return v;
            }
        }
    }

    /// Marks the story unreadable (a value that cannot be).
    pub fn fail(&mut self) {
        self.bad = true;
    }
}

/// Writes a length or an index, LEB128.
pub fn put_len(n: usize, out: &mut Vec<u8>) {
    let mut n = n;
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A value in the compiled story's binary form.
pub trait Wire: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Self;
}

impl Wire for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    #[inline(never)]
    fn take(r: &mut Reader) -> f64 {
        r.take_bytes(8).try_into().map(f64::from_le_bytes).unwrap_or(0.0)
    }
}

impl Wire for u16 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    #[inline(never)]
    fn take(r: &mut Reader) -> u16 {
        r.take_bytes(2).try_into().map(u16::from_le_bytes).unwrap_or(0)
    }
}

impl Wire for u8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn take(r: &mut Reader) -> u8 {
        r.take_bytes(1).first().copied().unwrap_or(0)
    }
}

impl Wire for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        put_len(*self as usize, out);
    }
    fn take(r: &mut Reader) -> u32 {
        u32::try_from(r.count()).unwrap_or_else(|_| {
            r.fail();
            0
        })
    }
}

impl Wire for usize {
    fn put(&self, out: &mut Vec<u8>) {
        put_len(*self, out);
    }
    fn take(r: &mut Reader) -> usize {
        r.count()
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader) -> bool {
        u8::take(r) != 0
    }
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_len(self.len(), out);
        out.extend_from_slice(self.as_bytes());
    }
    #[inline(never)]
    fn take(r: &mut Reader) -> String {
        let n = r.count();
        match std::str::from_utf8(r.take_bytes(n)) {
            Ok(s) => s.to_string(),
            Err(_) => {
                r.fail();
                String::new()
            }
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_len(self.len(), out);
        self.iter().for_each(|x| x.put(out));
    }
    fn take(r: &mut Reader) -> Vec<T> {
        let n = r.count();
        let mut v = Vec::new();
        // Stops at the end of the bytes, whatever length a broken file claims.
        while v.len() < n && !r.bad {
            v.push(T::take(r));
        }
        v
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Some(x) => {
                out.push(1);
                x.put(out);
            }
            None => out.push(0),
        }
    }
    fn take(r: &mut Reader) -> Option<T> {
        (u8::take(r) != 0).then(|| T::take(r))
    }
}

impl<T: Wire, const N: usize> Wire for [T; N] {
    fn put(&self, out: &mut Vec<u8>) {
        self.iter().for_each(|x| x.put(out));
    }
    fn take(r: &mut Reader) -> [T; N] {
        std::array::from_fn(|_| T::take(r))
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader) -> (A, B) {
        let a = A::take(r);
        (a, B::take(r))
    }
}

/// Implements [`Wire`] for structs, field by field in the order named.
macro_rules! wire {
    ($($ty:path { $($field:ident),* $(,)? }),* $(,)?) => {
        $(impl $crate::wire::Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$field.put(out);)*
            }
            fn take(r: &mut $crate::wire::Reader) -> Self {
                Self { $($field: $crate::wire::Wire::take(r)),* }
            }
        })*
    };
}
pub(crate) use wire;

/// Implements [`Wire`] for enums without data, as their index among the variants named.
macro_rules! wire_enum {
    ($($ty:ident { $($variant:ident),* $(,)? }),* $(,)?) => {
        $(impl $crate::wire::Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                let all = [$($ty::$variant),*];
                $crate::wire::put_len(all.iter().position(|v| v == self).unwrap_or(0), out);
            }
            fn take(r: &mut $crate::wire::Reader) -> Self {
                let all = [$($ty::$variant),*];
                let i = r.count();
                all.get(i).copied().unwrap_or_else(|| {
                    r.fail();
                    all[0]
                })
            }
        })*
    };
}
pub(crate) use wire_enum;
