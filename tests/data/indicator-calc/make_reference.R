# SPDX-License-Identifier: GPL-3.0-or-later
# Reference figures for indicator-calc, computed with R 4.2 / survey 4.1 on
# the golden data (tests/golden/indicator-calc/data).  Run from the top
# directory:
#   Rscript tests/data/indicator-calc/make_reference.R \
#     > tests/data/indicator-calc/reference.csv
# Output: case,indicator,wave,by,group,category,field,value (%.17g; NA
# where R gives NA/NaN and indicator-calc must print an empty cell).
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")
dir <- "tests/golden/indicator-calc/data"

rd <- function(f) {
  x <- read.csv(file.path(dir, f), colClasses = "character",
                na.strings = character(0))
  x[x$source != "source", ]
}
# One row per respondent; NA: no row (not asked), "": no answer.
wide <- function(d, src, items) {
  d <- d[d$source == src, ]
  k <- unique(d[, c("wave", "respondent")])
  key <- paste(k$wave, k$respondent)
  for (it in items) {
    v <- d[d$item == it, ]
    k[[it]] <- v$value[match(key, paste(v$wave, v$respondent))]
  }
  k
}
out <- function(case, ind, wave, by, group, cat, field, x)
  cat(sprintf("%s,%s,%s,%s,%s,%s,%s,%s\n", case, ind, wave, by, group, cat,
      field, ifelse(is.na(x), "NA", sprintf("%.17g", x))), sep = "")
cat("case,indicator,wave,by,group,category,field,value\n")

# svyciprop(method = "logit") fits svyglm by IRLS to glm.control()'s
# epsilon = 1e-8, which leaves ~1e-9 of noise; the same fit run to
# convergence is the figure svyciprop approximates.
logit_ci <- function(des) {
  m <- svyglm(yy ~ 1, des, family = quasibinomial,
              control = glm.control(epsilon = 1e-15, maxit = 100))
  suppressMessages(as.numeric(plogis(confint(m, 1, method = "Wald",
                                             ddf = degf(des)))))
}
ciprop <- function(des, method)
  if (method == "logit") logit_ci(des) else
    as.numeric(confint(svyciprop(~yy, des, method = method)))

ci_of <- function(x, n, method) {
  z <- qnorm(0.975); p <- x / n
  switch(method,
    wilson = prop.test(x, n, correct = FALSE)$conf.int,
    "clopper-pearson" = binom.test(x, n)$conf.int,
    wald = pmin(1, pmax(0, p + c(-1, 1) * z * sqrt(p * (1 - p) / n))),
    "agresti-coull" = {
      nt <- n + z^2; pt <- (x + z^2 / 2) / nt
      pmin(1, pmax(0, pt + c(-1, 1) * z * sqrt(pt * (1 - pt) / nt)))
    })
}

# Unweighted share of yes over waves for one group: estimate, interval,
# prop.test against the first wave, trend over 3+ waves on the last.
share <- function(case, ind, by, group, cat, waves, x, n, method,
                  tests = TRUE) {
  for (i in seq_along(waves)) {
    w <- waves[i]
    out(case, ind, w, by, group, cat, "n", n[i])
    out(case, ind, w, by, group, cat, "count", x[i])
    out(case, ind, w, by, group, cat, "estimate", x[i] / n[i])
    ci <- ci_of(x[i], n[i], method)
    out(case, ind, w, by, group, cat, "ci_lo", ci[1])
    out(case, ind, w, by, group, cat, "ci_hi", ci[2])
    if (tests && i > 1) {
      pt <- suppressWarnings(prop.test(c(x[1], x[i]), c(n[1], n[i])))
      out(case, ind, w, by, group, cat, "statistic", pt$statistic)
      out(case, ind, w, by, group, cat, "p_value", pt$p.value)
    }
  }
  if (tests && length(waves) >= 3)
    out(case, ind, waves[length(waves)], by, group, cat, "trend_p",
        prop.trend.test(x, n)$p.value)
}

# ---- edge cases (edge.yaml) ----
e <- wide(rd("edge.csv"), "e", c("area", "y", "score", "w"))
waves <- c("2019", "2022", "2025")
ans <- function(d) d[!is.na(d$y) & d$y != "", ]
for (method in c("wilson", "clopper-pearson", "wald", "agresti-coull")) {
  case <- paste0("edge-", method)
  for (g in c("", "1", "2", "3")) {
    x <- n <- numeric(0)
    for (w in waves) {
      a <- ans(e[e$wave == w, ])
      if (g != "") a <- a[a$area == g, ]
      x <- c(x, sum(a$y == "1")); n <- c(n, nrow(a))
    }
    share(case, "p", if (g == "") "" else "area",
          if (g == "") "全体" else g, "", waves, x, n, method,
          tests = method == "wilson")
  }
}
# 無回答 in the denominator
x <- n <- numeric(0)
for (w in waves) {
  a <- e[e$wave == w & !is.na(e$y), ]
  x <- c(x, sum(a$y == "1")); n <- c(n, nrow(a))
}
share("edge-wilson", "pna", "", "全体", "", waves, x, n, "wilson")

# Weighted: svydesign(ids=~1, weights=~w) over the answers of a wave.
svy_case <- function(ind, method, by) {
  se <- list()
  for (w in waves) {
    a <- ans(e[e$wave == w, ])
    a$yy <- as.numeric(a$y == "1"); a$ww <- as.numeric(a$w)
    des <- svydesign(ids = ~1, weights = ~ww, data = a)
    ci <- ciprop(des, method)
    m <- svymean(~yy, des)
    out("edge-wilson", ind, w, "", "全体", "", "estimate", coef(m))
    out("edge-wilson", ind, w, "", "全体", "", "ci_lo", ci[1])
    out("edge-wilson", ind, w, "", "全体", "", "ci_hi", ci[2])
    se[[paste0("t", w)]] <- c(coef(m), SE(m))
    if (!by) next
    for (g in sort(unique(a$area))) {
      d <- subset(des, area == g)
      p <- coef(svymean(~yy, d)); s <- SE(svymean(~yy, d))
      out("edge-wilson", ind, w, "area", g, "", "estimate", p)
      ci <- if (p > 0 && p < 1) ciprop(d, method) else c(NA, NA)
      out("edge-wilson", ind, w, "area", g, "", "ci_lo", ci[1])
      out("edge-wilson", ind, w, "area", g, "", "ci_hi", ci[2])
      se[[paste0(g, w)]] <- c(p, s)
    }
  }
  # change against the first wave: Wald z on the design standard errors
  for (k in names(se)) {
    w <- substr(k, nchar(k) - 3, nchar(k)); g <- substr(k, 1, nchar(k) - 4)
    b <- se[[paste0(g, waves[1])]]
    if (w == waves[1] || is.null(b)) next
    z <- (se[[k]][1] - b[1]) / sqrt(se[[k]][2]^2 + b[2]^2)
    if (!is.finite(z)) next
    gl <- if (g == "t") "全体" else g
    out("edge-wilson", ind, w, if (g == "t") "" else "area", gl, "",
        "statistic", z)
    out("edge-wilson", ind, w, if (g == "t") "" else "area", gl, "",
        "p_value", 2 * pnorm(-abs(z)))
  }
}
svy_case("pw", "logit", TRUE)
svy_case("pwb", "beta", FALSE)
svy_case("pwm", "mean", FALSE)

# Means: t interval per group, Welch's t test against the first wave.
for (g in c("", "1", "2", "3")) {
  ys <- list()
  for (w in waves) {
    a <- e[e$wave == w & !is.na(e$score) & e$score != "", ]
    if (g != "") a <- a[a$area == g, ]
    y <- as.numeric(a$score); ys[[w]] <- y
    tt <- t.test(y)
    gl <- if (g == "") "全体" else g; by <- if (g == "") "" else "area"
    out("edge-wilson", "m", w, by, gl, "", "estimate", mean(y))
    out("edge-wilson", "m", w, by, gl, "", "ci_lo", tt$conf.int[1])
    out("edge-wilson", "m", w, by, gl, "", "ci_hi", tt$conf.int[2])
    if (w != waves[1] && sd(y) + sd(ys[[1]]) > 0) {
      wt <- t.test(y, ys[[1]])
      out("edge-wilson", "m", w, by, gl, "", "statistic", wt$statistic)
      out("edge-wilson", "m", w, by, gl, "", "p_value", wt$p.value)
    }
  }
}
for (w in waves) {
  a <- e[e$wave == w & !is.na(e$score) & e$score != "", ]
  a$s <- as.numeric(a$score); a$ww <- as.numeric(a$w)
  des <- svydesign(ids = ~1, weights = ~ww, data = a)
  m <- svymean(~s, des); ci <- confint(m, df = degf(des))
  out("edge-wilson", "mw", w, "", "全体", "", "estimate", coef(m))
  out("edge-wilson", "mw", w, "", "全体", "", "ci_lo", ci[1])
  out("edge-wilson", "mw", w, "", "全体", "", "ci_hi", ci[2])
}
# Distribution of score: every code's share.
for (k in as.character(1:5)) {
  x <- n <- numeric(0)
  for (w in waves) {
    a <- e[e$wave == w & !is.na(e$score) & e$score != "", ]
    x <- c(x, sum(a$score == k)); n <- c(n, nrow(a))
  }
  share("edge-wilson", "d", "", "全体", k, waves, x, n, "wilson")
}
# Paired: McNemar on pre x post, Wilson interval of the post share.
pd <- rd("edge.csv")
pre <- pd[pd$source == "pp", ]; post <- pd[pd$source == "qq", ]
for (w in c("A", "B", "C")) {
  a <- pre[pre$wave == w, ]; b <- post[post$wave == w, ]
  y0 <- a$value == "1"; y1 <- b$value[match(a$respondent, b$respondent)] == "1"
  tab <- table(factor(y0, c(FALSE, TRUE)), factor(y1, c(FALSE, TRUE)))
  n <- length(y0); x <- sum(y1)
  out("edge-wilson", "pp", w, "", "全体", "", "estimate", x / n)
  ci <- prop.test(x, n, correct = FALSE)$conf.int
  out("edge-wilson", "pp", w, "", "全体", "", "ci_lo", ci[1])
  out("edge-wilson", "pp", w, "", "全体", "", "ci_hi", ci[2])
  mt <- mcnemar.test(tab)
  out("edge-wilson", "pp", w, "", "全体", "", "statistic", mt$statistic)
  out("edge-wilson", "pp", w, "", "全体", "", "p_value", mt$p.value)
}

# ---- the city's file (share/indicators/chofu.yaml) ----
nd <- wide(rd("needs.csv"), "needs", c("area", "kakaritsuke"))
areas <- c("1" = "北部", "2" = "中部", "3" = "南部")
for (g in c("", names(areas))) {
  x <- n <- numeric(0)
  for (w in waves) {
    a <- nd[nd$wave == w & !is.na(nd$kakaritsuke) & nd$kakaritsuke != "", ]
    if (g != "") a <- a[a$area == g, ]
    x <- c(x, sum(a$kakaritsuke == "1")); n <- c(n, nrow(a))
  }
  share("chofu", "kakaritsuke-65", if (g == "") "" else "area",
        if (g == "") "全体" else areas[[g]], "", waves, x, n, "wilson")
}
cz <- wide(rd("citizen.csv"), "citizen", c("area", "kakaritsuke", "weight"))
for (w in waves) {
  a <- cz[cz$wave == w & !is.na(cz$kakaritsuke) & cz$kakaritsuke != "", ]
  a$yy <- as.numeric(a$kakaritsuke == "1"); a$ww <- as.numeric(a$weight)
  des <- svydesign(ids = ~1, weights = ~ww, data = a)
  ci <- logit_ci(des)
  out("chofu", "kakaritsuke", w, "", "全体", "", "estimate",
      coef(svymean(~yy, des)))
  out("chofu", "kakaritsuke", w, "", "全体", "", "ci_lo", ci[1])
  out("chofu", "kakaritsuke", w, "", "全体", "", "ci_hi", ci[2])
  # svyby(~yy, ~area, des, svymean): domain estimates of the full design
  by <- svyby(~yy, ~area, des, svymean)
  for (i in seq_len(nrow(by))) {
    g <- as.character(by$area[i])
    ci <- logit_ci(subset(des, area == g))
    out("chofu", "kakaritsuke", w, "area", areas[[g]], "", "estimate",
        by$yy[i])
    out("chofu", "kakaritsuke", w, "area", areas[[g]], "", "ci_lo", ci[1])
    out("chofu", "kakaritsuke", w, "area", areas[[g]], "", "ci_hi", ci[2])
  }
}
