//! The numeric half of the value model: an inclusive interval of integers that a value lies
//! in on the path being walked. Bounds saturate at `i64::MIN` and `i64::MAX`, which stand for
//! "no bound", so arithmetic never overflows and an unknown value is simply `Interval::ANY`.

/// Every value an integer expression may hold, as an inclusive range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Interval {
    pub(crate) lo: i64,
    pub(crate) hi: i64,
}

impl Interval {
    /// Nothing is known.
    pub(crate) const ANY: Interval = Interval {
        lo: i64::MIN,
        hi: i64::MAX,
    };

    pub(crate) const fn new(lo: i64, hi: i64) -> Interval {
        Interval { lo, hi }
    }

    pub(crate) const fn exact(n: i64) -> Interval {
        Interval { lo: n, hi: n }
    }

    /// The one value this holds, if it holds one.
    pub(crate) fn as_const(self) -> Option<i64> {
        (self.lo == self.hi).then_some(self.lo)
    }

    /// Returns true if every value lies in `lo..=hi`.
    pub(crate) fn within(self, lo: i64, hi: i64) -> bool {
        lo <= self.lo && self.hi <= hi
    }

    pub(crate) fn contains(self, n: i64) -> bool {
        self.lo <= n && n <= self.hi
    }

    pub(crate) fn is_bounded(self) -> bool {
        self.lo != i64::MIN && self.hi != i64::MAX
    }

    /// The values both may hold; `None` if none (the path cannot be taken).
    pub(crate) fn meet(self, other: Interval) -> Option<Interval> {
        let (lo, hi) = (self.lo.max(other.lo), self.hi.min(other.hi));
        (lo <= hi).then_some(Interval { lo, hi })
    }

    /// The smallest interval holding both: where two paths join.
    pub(crate) fn join(self, other: Interval) -> Interval {
        Interval {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// This interval less the single value `n`, which narrows it only at an end.
    pub(crate) fn without(self, n: i64) -> Option<Interval> {
        match (self.lo == n, self.hi == n) {
            (true, true) => None,
            (true, false) => Some(Interval::new(n + 1, self.hi)),
            (false, true) => Some(Interval::new(self.lo, n - 1)),
            (false, false) => Some(self),
        }
    }

    /// This interval less the values of `other`, which narrows it only at an end.
    pub(crate) fn without_range(self, other: Interval) -> Option<Interval> {
        if other.lo <= self.lo && self.hi <= other.hi {
            return None;
        }
        Some(if other.lo <= self.lo && other.hi >= self.lo {
            Interval::new(other.hi + 1, self.hi)
        } else if other.hi >= self.hi && other.lo <= self.hi {
            Interval::new(self.lo, other.lo - 1)
        } else {
            self
        })
    }

    pub(crate) fn add(self, other: Interval) -> Interval {
        Interval {
            lo: bound_add(self.lo, other.lo),
            hi: bound_add(self.hi, other.hi),
        }
    }

    pub(crate) fn neg(self) -> Interval {
        Interval {
            lo: bound_neg(self.hi),
            hi: bound_neg(self.lo),
        }
    }

    pub(crate) fn sub(self, other: Interval) -> Interval {
        self.add(other.neg())
    }

    pub(crate) fn mul(self, other: Interval) -> Interval {
        if !self.is_bounded() || !other.is_bounded() {
            return match (self.as_const(), other.as_const()) {
                (Some(0), _) | (_, Some(0)) => Interval::exact(0),
                _ if self.lo >= 0 && other.lo >= 0 => {
                    Interval::new(self.lo.saturating_mul(other.lo), i64::MAX)
                }
                _ => Interval::ANY,
            };
        }
        let products = [
            self.lo.saturating_mul(other.lo),
            self.lo.saturating_mul(other.hi),
            self.hi.saturating_mul(other.lo),
            self.hi.saturating_mul(other.hi),
        ];
        Interval {
            lo: products.iter().copied().min().unwrap_or(i64::MIN),
            hi: products.iter().copied().max().unwrap_or(i64::MAX),
        }
    }

    /// Integer division (rounding toward zero) by a divisor of known sign.
    pub(crate) fn div(self, other: Interval) -> Interval {
        match other.as_const() {
            Some(d) if d > 0 && self.lo >= 0 => Interval::new(self.lo / d, bound_div(self.hi, d)),
            Some(d) if d > 0 && self.is_bounded() => Interval::new(self.lo / d, self.hi / d),
            Some(d) if d > 0 => Interval::new(bound_div(self.lo, d), bound_div(self.hi, d)),
            _ => Interval::ANY,
        }
    }

    /// The remainder (`%`, which takes the sign of the dividend) by a positive constant.
    pub(crate) fn rem(self, other: Interval) -> Interval {
        let Some(d) = other.as_const().filter(|&d| d > 0) else {
            return Interval::ANY;
        };
        if self.within(0, d - 1) {
            return self;
        }
        if self.lo >= 0 {
            Interval::new(0, d - 1)
        } else {
            Interval::new(-(d - 1), d - 1)
        }
    }

    /// `rem_euclid` by a positive constant: never negative.
    pub(crate) fn rem_euclid(self, other: Interval) -> Interval {
        match other.as_const() {
            Some(d) if d > 0 && self.within(0, d - 1) => self,
            Some(d) if d > 0 => Interval::new(0, d - 1),
            _ => Interval::ANY,
        }
    }

    /// A bitwise `&` with a non-negative mask: at most the mask.
    pub(crate) fn and(self, other: Interval) -> Interval {
        let mask = |i: Interval| (i.lo >= 0 && i.hi != i64::MAX).then_some(i.hi);
        match (mask(self), mask(other)) {
            (Some(a), Some(b)) => Interval::new(0, a.min(b)),
            (Some(a), None) | (None, Some(a)) => Interval::new(0, a),
            (None, None) => Interval::ANY,
        }
    }

    /// A right shift by a constant, of a value that is not negative.
    pub(crate) fn shr(self, other: Interval) -> Interval {
        match other.as_const() {
            Some(k @ 0..=63) if self.lo >= 0 => Interval::new(self.lo >> k, self.hi >> k),
            _ => Interval::ANY,
        }
    }

    /// `x << k`: `x` times 2 to the `k`.
    pub(crate) fn shl(self, other: Interval) -> Interval {
        match other.as_const() {
            Some(k @ 0..=62) => self.mul(Interval::exact(1 << k)),
            _ => Interval::ANY,
        }
    }

    pub(crate) fn min(self, other: Interval) -> Interval {
        Interval::new(self.lo.min(other.lo), self.hi.min(other.hi))
    }

    pub(crate) fn max(self, other: Interval) -> Interval {
        Interval::new(self.lo.max(other.lo), self.hi.max(other.hi))
    }

    /// What a cast to the integer type `ty` gives: the value itself where it fits the type,
    /// any value of the type where it may not (the cast wraps).
    pub(crate) fn cast(self, ty: &str) -> Interval {
        match type_range(ty) {
            Some(range) if self.within(range.lo, range.hi) => self,
            Some(range) => range,
            None => self,
        }
    }
}

/// The values of a primitive integer type (64-bit types as far as `i64` holds them).
pub(crate) fn type_range(ty: &str) -> Option<Interval> {
    Some(match ty {
        "u8" => Interval::new(0, u8::MAX.into()),
        "u16" => Interval::new(0, u16::MAX.into()),
        "u32" => Interval::new(0, u32::MAX.into()),
        "u64" | "u128" | "usize" => Interval::new(0, i64::MAX),
        "i8" => Interval::new(i8::MIN.into(), i8::MAX.into()),
        "i16" => Interval::new(i16::MIN.into(), i16::MAX.into()),
        "i32" => Interval::new(i32::MIN.into(), i32::MAX.into()),
        "i64" | "i128" | "isize" => Interval::ANY,
        _ => return None,
    })
}

/// Adds two bounds, where `i64::MIN` and `i64::MAX` mean unbounded and stay so.
fn bound_add(a: i64, b: i64) -> i64 {
    if a == i64::MIN || b == i64::MIN {
        i64::MIN
    } else if a == i64::MAX || b == i64::MAX {
        i64::MAX
    } else {
        a.saturating_add(b)
    }
}

fn bound_neg(a: i64) -> i64 {
    match a {
        i64::MIN => i64::MAX,
        i64::MAX => i64::MIN,
        a => -a,
    }
}

fn bound_div(a: i64, d: i64) -> i64 {
    match a {
        i64::MIN | i64::MAX => a,
        a => a / d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_follows_the_bounds() {
        let minute = Interval::new(0, 59);
        assert_eq!(minute.add(Interval::exact(1)), Interval::new(1, 60));
        assert_eq!(minute.sub(Interval::exact(1)), Interval::new(-1, 58));
        assert_eq!(minute.mul(Interval::exact(60)), Interval::new(0, 3540));
        assert_eq!(Interval::ANY.add(Interval::exact(1)), Interval::ANY);
        assert_eq!(
            Interval::new(1, 12).div(Interval::exact(3)),
            Interval::new(0, 4)
        );
    }

    #[test]
    fn masks_remainders_and_shifts_bound_any_value() {
        let raw = Interval::ANY.cast("u16");
        assert_eq!(
            raw.shr(Interval::exact(5)).and(Interval::exact(0x0f)),
            Interval::new(0, 15)
        );
        assert_eq!(
            Interval::ANY.rem(Interval::exact(12)),
            Interval::new(-11, 11)
        );
        assert_eq!(raw.rem(Interval::exact(12)), Interval::new(0, 11));
        assert_eq!(
            Interval::ANY.rem_euclid(Interval::exact(60)),
            Interval::new(0, 59)
        );
        assert_eq!(
            Interval::new(3, 5).rem(Interval::exact(12)),
            Interval::new(3, 5)
        );
        assert_eq!(
            Interval::exact(1).shl(Interval::exact(31)),
            Interval::exact(1 << 31)
        );
        assert_eq!(Interval::ANY.shl(Interval::exact(3)), Interval::ANY);
    }

    #[test]
    fn meets_joins_and_exclusions() {
        let month = Interval::new(1, 12);
        assert_eq!(month.without(12), Some(Interval::new(1, 11)));
        assert_eq!(month.without(6), Some(month));
        assert_eq!(
            Interval::new(1, 31).without_range(Interval::new(28, 31)),
            Some(Interval::new(1, 27))
        );
        assert_eq!(
            Interval::new(1, 31).without_range(Interval::new(10, 12)),
            Some(Interval::new(1, 31))
        );
        assert_eq!(month.meet(Interval::new(13, 20)), None);
        assert_eq!(month.join(Interval::exact(0)), Interval::new(0, 12));
        assert_eq!(Interval::new(0, 300).cast("u8"), Interval::new(0, 255));
        assert_eq!(Interval::new(0, 30).cast("u8"), Interval::new(0, 30));
    }
}
