;; Kernels of the dense trainers (src/train/kernels/dense-kernels.ts is the typed wrapper): the matrix product
;; and transpose of the MLP's dense layers (gemm, transpose), and the dot products, gradient and logistic loss
;; terms of fitLinear's objective (glm_dots, glm_grad, logistic_terms; described where they are defined).
;; Assembled by `node scripts/build-wasm.mjs` (wabt's wat2wasm) into dense-kernels-wasm.ts; edit this file,
;; then run it.
;;
;; Everything is float64; addresses are byte offsets into the imported memory, strides are in elements.
;;
;;   gemm(M, N, K, A, sam, sak, B, sbk, C, ldc, init, epi, E)
;;     C[m, n] = epi(init[n] + sum_{k = 0..K-1} A[m, k] * B[k, n])   for m < M, n < N
;;     A[m, k] at A + 8 (m sam + k sak)   (any strides: sam = 1, sak = lda reads A transposed)
;;     B[k, n] at B + 8 (k sbk + n)       (contiguous along n: two f64x2 lanes per load)
;;     C[m, n] at C + 8 (m ldc + n);  init = 0 means zeros, else the address of a row of N values
;;     epi 0: none;  1: ReLU (x < 0 ? 0 : x);  2: keep x where E[m, n] > 0, else +0 (E laid out as C)
;;
;; Every sum runs over k in ascending order from init, one multiply and one add per term (no fused
;; multiply-add): each C[m, n] is bit-identical to the scalar loop `s = init; for k: s += a * b`, which is
;; what the JavaScript fallback in js-kernels.ts computes.
;;
;; Register tiles of 4 rows x 4 columns (eight f64x2 accumulators); 4 x 2 when at most two columns remain.
;; Rows beyond M in the last tile re-read row 0 of the tile and columns beyond N read whatever follows B's
;; row: those lanes are computed and never stored, so the caller keeps 32 bytes of slack after the last
;; array (dense-kernels.ts does).
(module
  (import "env" "memory" (memory 1))

  ;; The epilogue on one f64x2 of results; pe addresses the matching E values when epi = 2.
  (func $epi (param $v v128) (param $epi i32) (param $pe i32) (result v128)
    (if (result v128) (i32.eq (local.get $epi) (i32.const 1))
      (then (f64x2.pmax (local.get $v) (v128.const f64x2 0 0)))
      (else
        (if (result v128) (i32.eq (local.get $epi) (i32.const 2))
          (then (v128.and (local.get $v) (f64x2.gt (v128.load (local.get $pe)) (v128.const f64x2 0 0))))
          (else (local.get $v))))))

  ;; Store up to 4 columns (ncols 1..4) of one row held in two f64x2.
  (func $store4 (param $pc i32) (param $lo v128) (param $hi v128) (param $ncols i32) (param $epi i32) (param $pe i32)
    (local.set $lo (call $epi (local.get $lo) (local.get $epi) (local.get $pe)))
    (if (i32.ge_u (local.get $ncols) (i32.const 2))
      (then (v128.store (local.get $pc) (local.get $lo)))
      (else (v128.store64_lane 0 (local.get $pc) (local.get $lo))))
    (if (i32.ge_u (local.get $ncols) (i32.const 3))
      (then
        (local.set $hi (call $epi (local.get $hi) (local.get $epi) (i32.add (local.get $pe) (i32.const 16))))
        (if (i32.eq (local.get $ncols) (i32.const 4))
          (then (v128.store offset=16 (local.get $pc) (local.get $hi)))
          (else (v128.store64_lane offset=16 0 (local.get $pc) (local.get $hi)))))))

  ;; One 4 x 4 tile: rows at pa + {0, 1, 2, 3} samb (clamped to pa beyond mrows), K terms.
  (func $tile4x4
    (param $K i32) (param $pa i32) (param $samb i32) (param $sakb i32) (param $pb i32) (param $sbkb i32)
    (param $pc i32) (param $ldcb i32) (param $init i32) (param $epi i32) (param $pe i32)
    (param $mrows i32) (param $ncols i32)
    (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32)
    (local $pc1 i32) (local $pc2 i32) (local $pc3 i32) (local $pe1 i32) (local $pe2 i32) (local $pe3 i32)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128)
    (local.set $o1 (select (local.get $samb) (i32.const 0) (i32.gt_u (local.get $mrows) (i32.const 1))))
    (local.set $o2 (select (i32.shl (local.get $samb) (i32.const 1)) (i32.const 0)
      (i32.gt_u (local.get $mrows) (i32.const 2))))
    (local.set $o3 (select (i32.mul (local.get $samb) (i32.const 3)) (i32.const 0)
      (i32.gt_u (local.get $mrows) (i32.const 3))))
    (if (local.get $init)
      (then
        (local.set $c0a (v128.load (local.get $init)))
        (local.set $c0b (v128.load offset=16 (local.get $init)))))
    (local.set $c1a (local.get $c0a)) (local.set $c1b (local.get $c0b))
    (local.set $c2a (local.get $c0a)) (local.set $c2b (local.get $c0b))
    (local.set $c3a (local.get $c0a)) (local.set $c3b (local.get $c0b))
    (local.set $pa1 (i32.add (local.get $pa) (local.get $o1)))
    (local.set $pa2 (i32.add (local.get $pa) (local.get $o2)))
    (local.set $pa3 (i32.add (local.get $pa) (local.get $o3)))
    (if (local.get $K)
      (then
        (loop $next
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $a0 (v128.load64_splat (local.get $pa)))
          (local.set $a1 (v128.load64_splat (local.get $pa1)))
          (local.set $a2 (v128.load64_splat (local.get $pa2)))
          (local.set $a3 (v128.load64_splat (local.get $pa3)))
          (local.set $c0a (f64x2.add (local.get $c0a) (f64x2.mul (local.get $a0) (local.get $b0))))
          (local.set $c0b (f64x2.add (local.get $c0b) (f64x2.mul (local.get $a0) (local.get $b1))))
          (local.set $c1a (f64x2.add (local.get $c1a) (f64x2.mul (local.get $a1) (local.get $b0))))
          (local.set $c1b (f64x2.add (local.get $c1b) (f64x2.mul (local.get $a1) (local.get $b1))))
          (local.set $c2a (f64x2.add (local.get $c2a) (f64x2.mul (local.get $a2) (local.get $b0))))
          (local.set $c2b (f64x2.add (local.get $c2b) (f64x2.mul (local.get $a2) (local.get $b1))))
          (local.set $c3a (f64x2.add (local.get $c3a) (f64x2.mul (local.get $a3) (local.get $b0))))
          (local.set $c3b (f64x2.add (local.get $c3b) (f64x2.mul (local.get $a3) (local.get $b1))))
          (local.set $pa (i32.add (local.get $pa) (local.get $sakb)))
          (local.set $pa1 (i32.add (local.get $pa1) (local.get $sakb)))
          (local.set $pa2 (i32.add (local.get $pa2) (local.get $sakb)))
          (local.set $pa3 (i32.add (local.get $pa3) (local.get $sakb)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sbkb)))
          (local.set $K (i32.sub (local.get $K) (i32.const 1)))
          (br_if $next (local.get $K)))))
    ;; Row addresses of C (and E); the common case, a whole tile, stores inline.
    (local.set $pc1 (i32.add (local.get $pc) (local.get $ldcb)))
    (local.set $pc2 (i32.add (local.get $pc1) (local.get $ldcb)))
    (local.set $pc3 (i32.add (local.get $pc2) (local.get $ldcb)))
    (local.set $pe1 (i32.add (local.get $pe) (local.get $ldcb)))
    (local.set $pe2 (i32.add (local.get $pe1) (local.get $ldcb)))
    (local.set $pe3 (i32.add (local.get $pe2) (local.get $ldcb)))
    (if (i32.and (i32.eq (local.get $mrows) (i32.const 4)) (i32.eq (local.get $ncols) (i32.const 4)))
      (then
        (if (i32.eq (local.get $epi) (i32.const 1))
          (then
            (local.set $c0a (f64x2.pmax (local.get $c0a) (v128.const f64x2 0 0)))
            (local.set $c0b (f64x2.pmax (local.get $c0b) (v128.const f64x2 0 0)))
            (local.set $c1a (f64x2.pmax (local.get $c1a) (v128.const f64x2 0 0)))
            (local.set $c1b (f64x2.pmax (local.get $c1b) (v128.const f64x2 0 0)))
            (local.set $c2a (f64x2.pmax (local.get $c2a) (v128.const f64x2 0 0)))
            (local.set $c2b (f64x2.pmax (local.get $c2b) (v128.const f64x2 0 0)))
            (local.set $c3a (f64x2.pmax (local.get $c3a) (v128.const f64x2 0 0)))
            (local.set $c3b (f64x2.pmax (local.get $c3b) (v128.const f64x2 0 0)))))
        (if (i32.eq (local.get $epi) (i32.const 2))
          (then
            (local.set $c0a (v128.and (local.get $c0a) (f64x2.gt (v128.load (local.get $pe)) (v128.const f64x2 0 0))))
            (local.set $c0b (v128.and (local.get $c0b) (f64x2.gt (v128.load offset=16 (local.get $pe)) (v128.const f64x2 0 0))))
            (local.set $c1a (v128.and (local.get $c1a) (f64x2.gt (v128.load (local.get $pe1)) (v128.const f64x2 0 0))))
            (local.set $c1b (v128.and (local.get $c1b) (f64x2.gt (v128.load offset=16 (local.get $pe1)) (v128.const f64x2 0 0))))
            (local.set $c2a (v128.and (local.get $c2a) (f64x2.gt (v128.load (local.get $pe2)) (v128.const f64x2 0 0))))
            (local.set $c2b (v128.and (local.get $c2b) (f64x2.gt (v128.load offset=16 (local.get $pe2)) (v128.const f64x2 0 0))))
            (local.set $c3a (v128.and (local.get $c3a) (f64x2.gt (v128.load (local.get $pe3)) (v128.const f64x2 0 0))))
            (local.set $c3b (v128.and (local.get $c3b) (f64x2.gt (v128.load offset=16 (local.get $pe3)) (v128.const f64x2 0 0))))))
        (v128.store (local.get $pc) (local.get $c0a))
        (v128.store offset=16 (local.get $pc) (local.get $c0b))
        (v128.store (local.get $pc1) (local.get $c1a))
        (v128.store offset=16 (local.get $pc1) (local.get $c1b))
        (v128.store (local.get $pc2) (local.get $c2a))
        (v128.store offset=16 (local.get $pc2) (local.get $c2b))
        (v128.store (local.get $pc3) (local.get $c3a))
        (v128.store offset=16 (local.get $pc3) (local.get $c3b)))
      (else
        (call $store4 (local.get $pc) (local.get $c0a) (local.get $c0b) (local.get $ncols) (local.get $epi) (local.get $pe))
        (if (i32.gt_u (local.get $mrows) (i32.const 1))
          (then (call $store4 (local.get $pc1) (local.get $c1a) (local.get $c1b) (local.get $ncols) (local.get $epi) (local.get $pe1))))
        (if (i32.gt_u (local.get $mrows) (i32.const 2))
          (then (call $store4 (local.get $pc2) (local.get $c2a) (local.get $c2b) (local.get $ncols) (local.get $epi) (local.get $pe2))))
        (if (i32.gt_u (local.get $mrows) (i32.const 3))
          (then (call $store4 (local.get $pc3) (local.get $c3a) (local.get $c3b) (local.get $ncols) (local.get $epi) (local.get $pe3)))))))

  ;; One 4 x 2 tile (ncols 1..2): as tile4x4 with one f64x2 per row.
  (func $tile4x2
    (param $K i32) (param $pa i32) (param $samb i32) (param $sakb i32) (param $pb i32) (param $sbkb i32)
    (param $pc i32) (param $ldcb i32) (param $init i32) (param $epi i32) (param $pe i32)
    (param $mrows i32) (param $ncols i32)
    (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $b0 v128)
    (local.set $o1 (select (local.get $samb) (i32.const 0) (i32.gt_u (local.get $mrows) (i32.const 1))))
    (local.set $o2 (select (i32.shl (local.get $samb) (i32.const 1)) (i32.const 0)
      (i32.gt_u (local.get $mrows) (i32.const 2))))
    (local.set $o3 (select (i32.mul (local.get $samb) (i32.const 3)) (i32.const 0)
      (i32.gt_u (local.get $mrows) (i32.const 3))))
    (if (local.get $init) (then (local.set $c0 (v128.load (local.get $init)))))
    (local.set $c1 (local.get $c0)) (local.set $c2 (local.get $c0)) (local.set $c3 (local.get $c0))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $K)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $c0 (f64x2.add (local.get $c0)
          (f64x2.mul (v128.load64_splat (local.get $pa)) (local.get $b0))))
        (local.set $c1 (f64x2.add (local.get $c1)
          (f64x2.mul (v128.load64_splat (i32.add (local.get $pa) (local.get $o1))) (local.get $b0))))
        (local.set $c2 (f64x2.add (local.get $c2)
          (f64x2.mul (v128.load64_splat (i32.add (local.get $pa) (local.get $o2))) (local.get $b0))))
        (local.set $c3 (f64x2.add (local.get $c3)
          (f64x2.mul (v128.load64_splat (i32.add (local.get $pa) (local.get $o3))) (local.get $b0))))
        (local.set $pa (i32.add (local.get $pa) (local.get $sakb)))
        (local.set $pb (i32.add (local.get $pb) (local.get $sbkb)))
        (local.set $K (i32.sub (local.get $K) (i32.const 1)))
        (br $next)))
    (call $store4 (local.get $pc) (local.get $c0) (local.get $c0) (local.get $ncols) (local.get $epi) (local.get $pe))
    (if (i32.gt_u (local.get $mrows) (i32.const 1))
      (then (call $store4 (i32.add (local.get $pc) (local.get $ldcb)) (local.get $c1) (local.get $c1)
        (local.get $ncols) (local.get $epi) (i32.add (local.get $pe) (local.get $ldcb)))))
    (if (i32.gt_u (local.get $mrows) (i32.const 2))
      (then (call $store4 (i32.add (local.get $pc) (i32.shl (local.get $ldcb) (i32.const 1)))
        (local.get $c2) (local.get $c2) (local.get $ncols) (local.get $epi)
        (i32.add (local.get $pe) (i32.shl (local.get $ldcb) (i32.const 1))))))
    (if (i32.gt_u (local.get $mrows) (i32.const 3))
      (then (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldcb) (i32.const 3)))
        (local.get $c3) (local.get $c3) (local.get $ncols) (local.get $epi)
        (i32.add (local.get $pe) (i32.mul (local.get $ldcb) (i32.const 3)))))))

  (func (export "gemm")
    (param $M i32) (param $N i32) (param $K i32) (param $A i32) (param $sam i32) (param $sak i32)
    (param $B i32) (param $sbk i32) (param $C i32) (param $ldc i32) (param $init i32) (param $epi i32)
    (param $E i32)
    (local $i i32) (local $j i32) (local $samb i32) (local $sakb i32) (local $sbkb i32) (local $ldcb i32)
    (local $pa i32) (local $pc i32) (local $pe i32) (local $mrows i32) (local $ncols i32) (local $pinit i32)
    (local.set $samb (i32.shl (local.get $sam) (i32.const 3)))
    (local.set $sakb (i32.shl (local.get $sak) (i32.const 3)))
    (local.set $sbkb (i32.shl (local.get $sbk) (i32.const 3)))
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $M)))
        (local.set $mrows (i32.sub (local.get $M) (local.get $i)))
        (if (i32.gt_u (local.get $mrows) (i32.const 4)) (then (local.set $mrows (i32.const 4))))
        (local.set $pa (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $samb))))
        (local.set $pc (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $ldcb))))
        (local.set $pe (i32.add (local.get $E) (i32.mul (local.get $i) (local.get $ldcb))))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $N)))
            (local.set $ncols (i32.sub (local.get $N) (local.get $j)))
            (if (i32.gt_u (local.get $ncols) (i32.const 4)) (then (local.set $ncols (i32.const 4))))
            (local.set $pinit (select
              (i32.add (local.get $init) (i32.shl (local.get $j) (i32.const 3)))
              (i32.const 0)
              (local.get $init)))
            (if (i32.gt_u (local.get $ncols) (i32.const 2))
              (then
                (call $tile4x4 (local.get $K) (local.get $pa) (local.get $samb) (local.get $sakb)
                  (i32.add (local.get $B) (i32.shl (local.get $j) (i32.const 3))) (local.get $sbkb)
                  (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 3))) (local.get $ldcb)
                  (local.get $pinit) (local.get $epi)
                  (i32.add (local.get $pe) (i32.shl (local.get $j) (i32.const 3)))
                  (local.get $mrows) (local.get $ncols)))
              (else
                (call $tile4x2 (local.get $K) (local.get $pa) (local.get $samb) (local.get $sakb)
                  (i32.add (local.get $B) (i32.shl (local.get $j) (i32.const 3))) (local.get $sbkb)
                  (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 3))) (local.get $ldcb)
                  (local.get $pinit) (local.get $epi)
                  (i32.add (local.get $pe) (i32.shl (local.get $j) (i32.const 3)))
                  (local.get $mrows) (local.get $ncols))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))

  ;; dst[c, r] = src[r, c] for an r x c row-major matrix (dst is c x r): W^T for the input gradient.
  (func (export "transpose") (param $rows i32) (param $cols i32) (param $src i32) (param $dst i32)
    (local $r i32) (local $c i32) (local $ps i32) (local $pd i32) (local $rowb i32)
    (local.set $rowb (i32.shl (local.get $rows) (i32.const 3)))
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $ps (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 3))))
        (local.set $pd (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 3))))
        (local.set $c (local.get $cols))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.eqz (local.get $c)))
            (f64.store (local.get $pd) (f64.load (local.get $ps)))
            (local.set $ps (i32.add (local.get $ps) (i32.const 8)))
            (local.set $pd (i32.add (local.get $pd) (local.get $rowb)))
            (local.set $c (i32.sub (local.get $c) (i32.const 1)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; Linear predictors of a generalized linear model with one output, for rows i < n of X (n x d, row-major):
  ;;   s[i] = b + (sum over pairs: lane 0 sums even j, lane 1 odd j; lane 0 + lane 1) + x[i, d-1] th[d-1] (odd d)
  ;; Four rows per pass share each load of theta.
  (func (export "glm_dots") (param $n i32) (param $d i32) (param $X i32) (param $th i32) (param $b f64) (param $s i32)
    (local $i i32) (local $j i32) (local $pairs i32) (local $rowb i32) (local $px i32) (local $pt i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $t v128) (local $tail f64)
    (local.set $rowb (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairs (i32.shr_u (local.get $d) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0)) (local.set $a3 (v128.const f64x2 0 0))
        (local.set $px (local.get $X))
        (local.set $pt (local.get $th))
        (local.set $j (local.get $pairs))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.eqz (local.get $j)))
            (local.set $t (v128.load (local.get $pt)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $px)) (local.get $t))))
            (local.set $a1 (f64x2.add (local.get $a1)
              (f64x2.mul (v128.load (i32.add (local.get $px) (local.get $rowb))) (local.get $t))))
            (local.set $a2 (f64x2.add (local.get $a2)
              (f64x2.mul (v128.load (i32.add (local.get $px) (i32.shl (local.get $rowb) (i32.const 1)))) (local.get $t))))
            (local.set $a3 (f64x2.add (local.get $a3)
              (f64x2.mul (v128.load (i32.add (local.get $px) (i32.mul (local.get $rowb) (i32.const 3)))) (local.get $t))))
            (local.set $px (i32.add (local.get $px) (i32.const 16)))
            (local.set $pt (i32.add (local.get $pt) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $pair)))
        (call $dots_finish (local.get $a0) (local.get $px) (local.get $pt) (local.get $d) (local.get $b) (local.get $s))
        (call $dots_finish (local.get $a1) (i32.add (local.get $px) (local.get $rowb)) (local.get $pt) (local.get $d)
          (local.get $b) (i32.add (local.get $s) (i32.const 8)))
        (call $dots_finish (local.get $a2) (i32.add (local.get $px) (i32.shl (local.get $rowb) (i32.const 1))) (local.get $pt)
          (local.get $d) (local.get $b) (i32.add (local.get $s) (i32.const 16)))
        (call $dots_finish (local.get $a3) (i32.add (local.get $px) (i32.mul (local.get $rowb) (i32.const 3))) (local.get $pt)
          (local.get $d) (local.get $b) (i32.add (local.get $s) (i32.const 24)))
        (local.set $X (i32.add (local.get $X) (i32.shl (local.get $rowb) (i32.const 2))))
        (local.set $s (i32.add (local.get $s) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads)))
    ;; The last n % 4 rows, one at a time.
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $px (local.get $X))
        (local.set $pt (local.get $th))
        (local.set $j (local.get $pairs))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.eqz (local.get $j)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $px)) (v128.load (local.get $pt)))))
            (local.set $px (i32.add (local.get $px) (i32.const 16)))
            (local.set $pt (i32.add (local.get $pt) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $pair)))
        (call $dots_finish (local.get $a0) (local.get $px) (local.get $pt) (local.get $d) (local.get $b) (local.get $s))
        (local.set $X (i32.add (local.get $X) (local.get $rowb)))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; s = lane 0 + lane 1 (+ the odd last term at px, pt), + b, stored at ps.
  (func $dots_finish (param $acc v128) (param $px i32) (param $pt i32) (param $d i32) (param $b f64) (param $ps i32)
    (local $sum f64)
    (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
    (if (i32.and (local.get $d) (i32.const 1))
      (then (local.set $sum (f64.add (local.get $sum) (f64.mul (f64.load (local.get $px)) (f64.load (local.get $pt)))))))
    (f64.store (local.get $ps) (f64.add (local.get $sum) (local.get $b))))

  ;; g[j] += sum_i r[i] X[i, j] for rows i < n, row by row in order (four rows per pass of g).
  (func (export "glm_grad") (param $n i32) (param $d i32) (param $X i32) (param $r i32) (param $g i32)
    (local $i i32) (local $j i32) (local $rowb i32) (local $px i32) (local $pg i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local.set $rowb (i32.shl (local.get $d) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $r0 (v128.load64_splat (local.get $r)))
        (local.set $r1 (v128.load64_splat offset=8 (local.get $r)))
        (local.set $r2 (v128.load64_splat offset=16 (local.get $r)))
        (local.set $r3 (v128.load64_splat offset=24 (local.get $r)))
        (local.set $px (local.get $X))
        (local.set $pg (local.get $g))
        (local.set $j (i32.shr_u (local.get $d) (i32.const 1)))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.eqz (local.get $j)))
            (v128.store (local.get $pg)
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (v128.load (local.get $pg)) (f64x2.mul (local.get $r0) (v128.load (local.get $px))))
                    (f64x2.mul (local.get $r1) (v128.load (i32.add (local.get $px) (local.get $rowb)))))
                  (f64x2.mul (local.get $r2) (v128.load (i32.add (local.get $px) (i32.shl (local.get $rowb) (i32.const 1))))))
                (f64x2.mul (local.get $r3) (v128.load (i32.add (local.get $px) (i32.mul (local.get $rowb) (i32.const 3)))))))
            (local.set $px (i32.add (local.get $px) (i32.const 16)))
            (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $pair)))
        (if (i32.and (local.get $d) (i32.const 1))
          (then
            (f64.store (local.get $pg)
              (f64.add
                (f64.add
                  (f64.add
                    (f64.add (f64.load (local.get $pg)) (f64.mul (f64.load (local.get $r)) (f64.load (local.get $px))))
                    (f64.mul (f64.load offset=8 (local.get $r)) (f64.load (i32.add (local.get $px) (local.get $rowb)))))
                  (f64.mul (f64.load offset=16 (local.get $r))
                    (f64.load (i32.add (local.get $px) (i32.shl (local.get $rowb) (i32.const 1))))))
                (f64.mul (f64.load offset=24 (local.get $r))
                  (f64.load (i32.add (local.get $px) (i32.mul (local.get $rowb) (i32.const 3)))))))))
        (local.set $X (i32.add (local.get $X) (i32.shl (local.get $rowb) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $r0 (v128.load64_splat (local.get $r)))
        (local.set $px (local.get $X))
        (local.set $pg (local.get $g))
        (local.set $j (i32.shr_u (local.get $d) (i32.const 1)))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.eqz (local.get $j)))
            (v128.store (local.get $pg)
              (f64x2.add (v128.load (local.get $pg)) (f64x2.mul (local.get $r0) (v128.load (local.get $px)))))
            (local.set $px (i32.add (local.get $px) (i32.const 16)))
            (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $pair)))
        (if (i32.and (local.get $d) (i32.const 1))
          (then
            (f64.store (local.get $pg)
              (f64.add (f64.load (local.get $pg)) (f64.mul (f64.load (local.get $r)) (f64.load (local.get $px)))))))
        (local.set $X (i32.add (local.get $X) (local.get $rowb)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; exp(a) for a <= 0, both lanes: a below -700 counts as -700 (exp(-700) < 1e-304); a = k ln2 + r with
  ;; k = nearest(a / ln2), ln2 split in two (fdlibm's ln2_hi has 21 trailing zero bits, so k ln2_hi is exact)
  ;; and |r| <= ln2/2; exp(r) by its Taylor polynomial to r^13 (truncation below 0.05 ulp), in Horner form;
  ;; times 2^k built from the exponent bits. Within 2 ulps of the exact value. $exp_scalar is the same,
  ;; operation for operation, on one f64 (js-kernels.ts mirrors both).
  (func $exp_lanes (param $a v128) (result v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $a (f64x2.pmax (local.get $a) (v128.const f64x2 -700 -700)))
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $a) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
    (local.set $r (f64x2.sub
      (f64x2.sub (local.get $a) (f64x2.mul (local.get $k) (v128.const f64x2 0x1.62e42feep-1 0x1.62e42feep-1)))
      (f64x2.mul (local.get $k) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))))
    (local.set $p (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.08767569878681e-09 2.08767569878681e-09)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.505210838544172e-08 2.505210838544172e-08)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.755731922398589e-07 2.755731922398589e-07)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.7557319223985893e-06 2.7557319223985893e-06)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.48015873015873e-05 2.48015873015873e-05)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.5 0.5)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1.0 1.0)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1.0 1.0)))
    (f64x2.mul (local.get $p)
      (i64x2.shl
        (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023))
        (i32.const 52))))

  (func $exp_scalar (param $a f64) (result f64)
    (local $k f64) (local $r f64) (local $p f64)
    (local.set $a (select (f64.const -700) (local.get $a) (f64.lt (local.get $a) (f64.const -700))))
    (local.set $k (f64.nearest (f64.mul (local.get $a) (f64.const 1.4426950408889634))))
    (local.set $r (f64.sub
      (f64.sub (local.get $a) (f64.mul (local.get $k) (f64.const 0x1.62e42feep-1)))
      (f64.mul (local.get $k) (f64.const 0x1.a39ef35793c76p-33))))
    (local.set $p (f64.const 1.6059043836821613e-10))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.08767569878681e-09)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.505210838544172e-08)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.755731922398589e-07)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.7557319223985893e-06)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.48015873015873e-05)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.0001984126984126984)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.001388888888888889)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.008333333333333333)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.041666666666666664)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.16666666666666666)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.5)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1.0)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1.0)))
    (f64.mul (local.get $p)
      (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))

  ;; Logistic loss terms of n rows with linear predictors s and 0/1 targets t, two rows per step (lane 0 the
  ;; even rows, lane 1 the odd ones); an odd last row goes alone. With e = exp(-|s|):
  ;;   s[i] <- (s >= 0 ? 1 : e) / (1 + e) - t      the residual sigma(s) - t, in place
  ;;   acc[0], acc[1] (lanes), acc[4] (odd row):   sum of max(s, 0) - t s
  ;;   acc[2], acc[3], acc[5]:                     sum of the residuals
  ;;   prod: products of (1 + e) per lane over groups of 128 steps, two values per group, the odd row's
  ;;         factor as a last pair (its partner 1); the caller adds the logs: log(1 + e^s) = max(s, 0) + log(1 + e)
  ;; Returns the number of values written to prod.
  (func (export "logistic_terms") (param $n i32) (param $s i32) (param $t i32) (param $prod i32) (param $acc i32)
    (result i32)
    (local $steps i32) (local $count i32) (local $written i32)
    (local $v v128) (local $tv v128) (local $e v128) (local $op v128) (local $r v128)
    (local $lin v128) (local $rsum v128) (local $pv v128)
    (local $x f64) (local $tx f64) (local $ex f64) (local $opx f64) (local $rx f64)
    (local.set $pv (v128.const f64x2 1 1))
    (local.set $steps (i32.shr_u (local.get $n) (i32.const 1)))
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $steps)))
        (local.set $v (v128.load (local.get $s)))
        (local.set $tv (v128.load (local.get $t)))
        (local.set $e (call $exp_lanes (f64x2.neg (f64x2.abs (local.get $v)))))
        (local.set $op (f64x2.add (v128.const f64x2 1 1) (local.get $e)))
        (local.set $r (f64x2.sub
          (f64x2.div
            (v128.bitselect (v128.const f64x2 1 1) (local.get $e) (f64x2.ge (local.get $v) (v128.const f64x2 0 0)))
            (local.get $op))
          (local.get $tv)))
        (v128.store (local.get $s) (local.get $r))
        (local.set $lin (f64x2.add (local.get $lin)
          (f64x2.sub (f64x2.pmax (local.get $v) (v128.const f64x2 0 0)) (f64x2.mul (local.get $tv) (local.get $v)))))
        (local.set $rsum (f64x2.add (local.get $rsum) (local.get $r)))
        (local.set $pv (f64x2.mul (local.get $pv) (local.get $op)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (if (i32.eq (local.get $count) (i32.const 128))
          (then
            (v128.store (i32.add (local.get $prod) (i32.shl (local.get $written) (i32.const 3))) (local.get $pv))
            (local.set $written (i32.add (local.get $written) (i32.const 2)))
            (local.set $pv (v128.const f64x2 1 1))
            (local.set $count (i32.const 0))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (local.set $steps (i32.sub (local.get $steps) (i32.const 1)))
        (br $step)))
    (if (local.get $count)
      (then
        (v128.store (i32.add (local.get $prod) (i32.shl (local.get $written) (i32.const 3))) (local.get $pv))
        (local.set $written (i32.add (local.get $written) (i32.const 2)))))
    (v128.store (local.get $acc) (local.get $lin))
    (v128.store offset=16 (local.get $acc) (local.get $rsum))
    (f64.store offset=32 (local.get $acc) (f64.const 0))
    (f64.store offset=40 (local.get $acc) (f64.const 0))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x (f64.load (local.get $s)))
        (local.set $tx (f64.load (local.get $t)))
        (local.set $ex (call $exp_scalar (f64.neg (f64.abs (local.get $x)))))
        (local.set $opx (f64.add (f64.const 1) (local.get $ex)))
        (local.set $rx (f64.sub
          (f64.div (select (f64.const 1) (local.get $ex) (f64.ge (local.get $x) (f64.const 0))) (local.get $opx))
          (local.get $tx)))
        (f64.store (local.get $s) (local.get $rx))
        (f64.store offset=32 (local.get $acc)
          (f64.sub
            (select (f64.const 0) (local.get $x) (f64.lt (local.get $x) (f64.const 0)))
            (f64.mul (local.get $tx) (local.get $x))))
        (f64.store offset=40 (local.get $acc) (local.get $rx))
        (f64.store (i32.add (local.get $prod) (i32.shl (local.get $written) (i32.const 3))) (local.get $opx))
        (f64.store offset=8 (i32.add (local.get $prod) (i32.shl (local.get $written) (i32.const 3))) (f64.const 1))
        (local.set $written (i32.add (local.get $written) (i32.const 2)))))
    (local.get $written))
)
