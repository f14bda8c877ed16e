;; The matrix product C = op(A)·op(B) in WebAssembly SIMD (f64x2), bit for bit
;; equal to the JavaScript kernel in src/matrix/gemm.ts.
;;
;; Why the two agree: every entry of C is accumulated from +0 by adding the
;; products op(A)[i, p]·op(B)[p, j] in the order p = 0, 1, …, k−1, one
;; rounded multiplication and one rounded addition each (f64x2.mul, then
;; f64x2.add: no fused multiply-add, no relaxed SIMD), exactly as the
;; JavaScript loops do. The two lanes of a vector are two different entries
;; of C (columns j and j + 1 of one row), never two parts of one sum.
;;
;; Layout (all addresses and strides in bytes, in the one imported memory):
;; - op(A)[i, p] is at  a + i·ars + p·aps   (any strides: A stored m×k or k×m);
;; - op(B)[p, j] is at  b + p·bps + 8·j     (its rows contiguous: the caller
;;   copies a transposed B into that form first);
;; - C[i, j]     is at  c + i·ldc + 8·j.
;;
;; C is cut into tiles of 4 rows × 4 columns, each computed with its 16
;; entries in 8 vector registers while p runs along k (2 vector loads of
;; op(B) and 4 scalar loads of op(A) per step, for 16 multiply-adds). The
;; right edge takes tiles of 4×2 and 4×1, the bottom edge 1×4, 1×2 and 1×1.
;; Memory is never grown: the caller keeps every operand inside it, or uses
;; the JavaScript kernel.
(module
  (import "env" "memory" (memory 1))

  ;; C[i0..i0+4, j0..j0+4] = op(A)·op(B) for the tile at pa (rows), pb (columns), pc
  (func $t44 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ars i32) (param $aps i32) (param $bps i32) (param $ldc i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128) (local $b0 v128) (local $b1 v128) (local $x f64)
    (local.set $a0 (local.get $pa))
    (local.set $a1 (i32.add (local.get $a0) (local.get $ars)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $ars)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
    (block $done (loop $step
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $b0 (v128.load offset=0 (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $x (f64.load (local.get $a0)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b1))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aps)))
      (local.set $x (f64.load (local.get $a1)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b1))))
      (local.set $a1 (i32.add (local.get $a1) (local.get $aps)))
      (local.set $x (f64.load (local.get $a2)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b1))))
      (local.set $a2 (i32.add (local.get $a2) (local.get $aps)))
      (local.set $x (f64.load (local.get $a3)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b1))))
      (local.set $a3 (i32.add (local.get $a3) (local.get $aps)))
      (local.set $pb (i32.add (local.get $pb) (local.get $bps)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $step)))
    (v128.store offset=0 (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c01))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store offset=0 (local.get $pc) (local.get $c10))
    (v128.store offset=16 (local.get $pc) (local.get $c11))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store offset=0 (local.get $pc) (local.get $c20))
    (v128.store offset=16 (local.get $pc) (local.get $c21))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store offset=0 (local.get $pc) (local.get $c30))
    (v128.store offset=16 (local.get $pc) (local.get $c31))
  )

  ;; C[i0..i0+4, j0..j0+2] = op(A)·op(B) for the tile at pa (rows), pb (columns), pc
  (func $t42 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ars i32) (param $aps i32) (param $bps i32) (param $ldc i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $c00 v128) (local $c10 v128) (local $c20 v128) (local $c30 v128) (local $b0 v128) (local $x f64)
    (local.set $a0 (local.get $pa))
    (local.set $a1 (i32.add (local.get $a0) (local.get $ars)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $ars)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
    (block $done (loop $step
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $b0 (v128.load offset=0 (local.get $pb)))
      (local.set $x (f64.load (local.get $a0)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aps)))
      (local.set $x (f64.load (local.get $a1)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $a1 (i32.add (local.get $a1) (local.get $aps)))
      (local.set $x (f64.load (local.get $a2)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $a2 (i32.add (local.get $a2) (local.get $aps)))
      (local.set $x (f64.load (local.get $a3)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $a3 (i32.add (local.get $a3) (local.get $aps)))
      (local.set $pb (i32.add (local.get $pb) (local.get $bps)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $step)))
    (v128.store offset=0 (local.get $pc) (local.get $c00))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store offset=0 (local.get $pc) (local.get $c10))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store offset=0 (local.get $pc) (local.get $c20))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store offset=0 (local.get $pc) (local.get $c30))
  )

  ;; C[i0..i0+4, j0..j0+1] = op(A)·op(B) for the tile at pa (rows), pb (columns), pc
  (func $t41 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ars i32) (param $aps i32) (param $bps i32) (param $ldc i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $bs f64) (local $x f64)
    (local.set $a0 (local.get $pa))
    (local.set $a1 (i32.add (local.get $a0) (local.get $ars)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $ars)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
    (block $done (loop $step
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $bs (f64.load offset=0 (local.get $pb)))
      (local.set $x (f64.load (local.get $a0)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $x) (local.get $bs))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aps)))
      (local.set $x (f64.load (local.get $a1)))
      (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $x) (local.get $bs))))
      (local.set $a1 (i32.add (local.get $a1) (local.get $aps)))
      (local.set $x (f64.load (local.get $a2)))
      (local.set $s2 (f64.add (local.get $s2) (f64.mul (local.get $x) (local.get $bs))))
      (local.set $a2 (i32.add (local.get $a2) (local.get $aps)))
      (local.set $x (f64.load (local.get $a3)))
      (local.set $s3 (f64.add (local.get $s3) (f64.mul (local.get $x) (local.get $bs))))
      (local.set $a3 (i32.add (local.get $a3) (local.get $aps)))
      (local.set $pb (i32.add (local.get $pb) (local.get $bps)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $step)))
    (f64.store offset=0 (local.get $pc) (local.get $s0))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (f64.store offset=0 (local.get $pc) (local.get $s1))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (f64.store offset=0 (local.get $pc) (local.get $s2))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (f64.store offset=0 (local.get $pc) (local.get $s3))
  )

  ;; C[i0..i0+1, j0..j0+4] = op(A)·op(B) for the tile at pa (rows), pb (columns), pc
  (func $t14 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ars i32) (param $aps i32) (param $bps i32) (param $ldc i32)
    (local $a0 i32) (local $c00 v128) (local $c01 v128) (local $b0 v128) (local $b1 v128) (local $x f64)
    (local.set $a0 (local.get $pa))
    (block $done (loop $step
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $b0 (v128.load offset=0 (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $x (f64.load (local.get $a0)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b1))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aps)))
      (local.set $pb (i32.add (local.get $pb) (local.get $bps)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $step)))
    (v128.store offset=0 (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c01))
  )

  ;; C[i0..i0+1, j0..j0+2] = op(A)·op(B) for the tile at pa (rows), pb (columns), pc
  (func $t12 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ars i32) (param $aps i32) (param $bps i32) (param $ldc i32)
    (local $a0 i32) (local $c00 v128) (local $b0 v128) (local $x f64)
    (local.set $a0 (local.get $pa))
    (block $done (loop $step
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $b0 (v128.load offset=0 (local.get $pb)))
      (local.set $x (f64.load (local.get $a0)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (f64x2.splat (local.get $x)) (local.get $b0))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aps)))
      (local.set $pb (i32.add (local.get $pb) (local.get $bps)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $step)))
    (v128.store offset=0 (local.get $pc) (local.get $c00))
  )

  ;; C[i0..i0+1, j0..j0+1] = op(A)·op(B) for the tile at pa (rows), pb (columns), pc
  (func $t11 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ars i32) (param $aps i32) (param $bps i32) (param $ldc i32)
    (local $a0 i32) (local $s0 f64) (local $bs f64) (local $x f64)
    (local.set $a0 (local.get $pa))
    (block $done (loop $step
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $bs (f64.load offset=0 (local.get $pb)))
      (local.set $x (f64.load (local.get $a0)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $x) (local.get $bs))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aps)))
      (local.set $pb (i32.add (local.get $pb) (local.get $bps)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $step)))
    (f64.store offset=0 (local.get $pc) (local.get $s0))
  )


  ;; One column panel of 4: tiles of 4×4 down the rows, then 1×4 for the last 0–3 rows.
  (func $panel4 (param $m i32) (param $k i32) (param $pa i32) (param $ars i32) (param $aps i32)
                (param $pb i32) (param $bps i32) (param $pc i32) (param $ldc i32)
    (local $i i32)
    (block $done (loop $rows
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
      (call $t44 (local.get $pa) (local.get $pb) (local.get $pc) (local.get $k) (local.get $ars) (local.get $aps) (local.get $bps) (local.get $ldc))
      (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $ars) (i32.const 2))))
      (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows)))
    (block $done1 (loop $row
      (br_if $done1 (i32.ge_u (local.get $i) (local.get $m)))
      (call $t14 (local.get $pa) (local.get $pb) (local.get $pc) (local.get $k) (local.get $ars) (local.get $aps) (local.get $bps) (local.get $ldc))
      (local.set $pa (i32.add (local.get $pa) (local.get $ars)))
      (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
  )

  ;; The column panel of 2 at the right edge: tiles of 4×2, then 1×2.
  (func $panel2 (param $m i32) (param $k i32) (param $pa i32) (param $ars i32) (param $aps i32)
                (param $pb i32) (param $bps i32) (param $pc i32) (param $ldc i32)
    (local $i i32)
    (block $done (loop $rows
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
      (call $t42 (local.get $pa) (local.get $pb) (local.get $pc) (local.get $k) (local.get $ars) (local.get $aps) (local.get $bps) (local.get $ldc))
      (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $ars) (i32.const 2))))
      (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows)))
    (block $done1 (loop $row
      (br_if $done1 (i32.ge_u (local.get $i) (local.get $m)))
      (call $t12 (local.get $pa) (local.get $pb) (local.get $pc) (local.get $k) (local.get $ars) (local.get $aps) (local.get $bps) (local.get $ldc))
      (local.set $pa (i32.add (local.get $pa) (local.get $ars)))
      (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
  )

  ;; The last single column: tiles of 4×1, then 1×1.
  (func $panel1 (param $m i32) (param $k i32) (param $pa i32) (param $ars i32) (param $aps i32)
                (param $pb i32) (param $bps i32) (param $pc i32) (param $ldc i32)
    (local $i i32)
    (block $done (loop $rows
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
      (call $t41 (local.get $pa) (local.get $pb) (local.get $pc) (local.get $k) (local.get $ars) (local.get $aps) (local.get $bps) (local.get $ldc))
      (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $ars) (i32.const 2))))
      (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows)))
    (block $done1 (loop $row
      (br_if $done1 (i32.ge_u (local.get $i) (local.get $m)))
      (call $t11 (local.get $pa) (local.get $pb) (local.get $pc) (local.get $k) (local.get $ars) (local.get $aps) (local.get $bps) (local.get $ldc))
      (local.set $pa (i32.add (local.get $pa) (local.get $ars)))
      (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
  )

  ;; C = op(A)·op(B), op(A) m×k and op(B) k×n, in column panels of 4 from the left,
  ;; then one of 2 and one of 1 for the 0–3 columns left at the right edge.
  (func (export "gemm") (param $m i32) (param $n i32) (param $k i32)
                        (param $a i32) (param $ars i32) (param $aps i32)
                        (param $b i32) (param $bps i32) (param $c i32) (param $ldc i32)
    (local $j i32)
    (block $done (loop $panels
      (br_if $done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
      (call $panel4 (local.get $m) (local.get $k) (local.get $a) (local.get $ars) (local.get $aps)
                    (local.get $b) (local.get $bps) (local.get $c) (local.get $ldc))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (local.set $c (i32.add (local.get $c) (i32.const 32)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $panels)))
    (if (i32.ge_u (i32.sub (local.get $n) (local.get $j)) (i32.const 2))
      (then
        (call $panel2 (local.get $m) (local.get $k) (local.get $a) (local.get $ars) (local.get $aps)
                      (local.get $b) (local.get $bps) (local.get $c) (local.get $ldc))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    (if (i32.lt_u (local.get $j) (local.get $n))
      (then
        (call $panel1 (local.get $m) (local.get $k) (local.get $a) (local.get $ars) (local.get $aps)
                      (local.get $b) (local.get $bps) (local.get $c) (local.get $ldc))))
  )

  ;; dst (cols×rows) = srcᵀ (src rows×cols), row-major, in blocks of 2×2: two vector loads
  ;; of two rows, two shuffles, two vector stores; the odd last row and column one by one.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $r0 v128) (local $r1 v128) (local $s i32) (local $d i32)
    (block $done (loop $irows
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jcols
        (br_if $jdone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $cols)))
        ;; s = src[i, j], d = dst[j, i]
        (local.set $s (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 3))))
        (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 3))))
        (local.set $r0 (v128.load (local.get $s)))
        (local.set $r1 (v128.load (i32.add (local.get $s) (i32.shl (local.get $cols) (i32.const 3)))))
        (v128.store (local.get $d) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
        (v128.store (i32.add (local.get $d) (i32.shl (local.get $rows) (i32.const 3)))
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $jcols)))
      (if (i32.lt_u (local.get $j) (local.get $cols))
        (then
          (local.set $s (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 3))))
          (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 3))))
          (f64.store (local.get $d) (f64.load (local.get $s)))
          (f64.store offset=8 (local.get $d) (f64.load (i32.add (local.get $s) (i32.shl (local.get $cols) (i32.const 3)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $irows)))
    (if (i32.lt_u (local.get $i) (local.get $rows))
      (then
        (local.set $j (i32.const 0))
        (block $ldone (loop $last
          (br_if $ldone (i32.ge_u (local.get $j) (local.get $cols)))
          (f64.store
            (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 3)))
            (f64.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 3)))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $last)))))
  )
  ;; dst[i] = c[i] + α·p[i] for i < n (one rounded multiplication, then one rounded addition,
  ;; two entries per vector, the odd last one alone): the update c + α·op(A)·op(B) of a product
  ;; already in memory, bit for bit the JavaScript loop's. dst may be p itself.
  (func (export "axpy") (param $c i32) (param $p i32) (param $dst i32) (param $n i32) (param $alpha f64)
    (local $i i32) (local $va v128) (local $o i32)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (block $done (loop $pairs
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $n)))
      (local.set $o (i32.shl (local.get $i) (i32.const 3)))
      (v128.store (i32.add (local.get $dst) (local.get $o))
        (f64x2.add (v128.load (i32.add (local.get $c) (local.get $o)))
                   (f64x2.mul (local.get $va) (v128.load (i32.add (local.get $p) (local.get $o))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $pairs)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (f64.store (i32.add (local.get $dst) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $c) (local.get $o)))
                   (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $p) (local.get $o))))))))
  )
)
