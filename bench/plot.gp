# plot.gp - throughput per tool (medians, MB/s, log scale: python and the
# floors differ by two orders of magnitude). Called by run.sh with
#   gnuplot -e "datafile='...'; outfile='...'" plot.gp
set terminal pngcairo size 900,500 font ",10"
set output outfile
set title "InsightScores NDJSON validation, one process (median; ldrest: wall time, peers: in-process)"
set ylabel "MB/s (log scale)"
set logscale y
set grid ytics
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -20
set key top right
plot datafile using 2:xtic(1) title "valid corpus", '' using 3 title "violation mix"
